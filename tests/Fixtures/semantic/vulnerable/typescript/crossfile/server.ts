import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { runGit } from "./git.js";
const { readNote } = require("./notes");

const server = new McpServer({ name: "repo", version: "1.0.0" });

server.tool("git_log", { ref: z.string() }, async ({ ref }) => {
  return { content: [{ type: "text", text: runGit(`log --oneline ${ref}`) }] };
});

server.tool("note", { name: z.string() }, async ({ name }) => {
  return { content: [{ type: "text", text: await readNote(name) }] }; // EXPECT: MCP-SEM-UNTRUSTED-001
});
