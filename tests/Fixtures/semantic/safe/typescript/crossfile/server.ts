import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { runGit } from "./git.js";

const server = new McpServer({ name: "repo", version: "1.0.0" });

server.tool("git_log", { ref: z.string() }, async ({ ref }) => {
  return { content: [{ type: "text", text: runGit(["log", "--oneline", ref]) }] };
});
