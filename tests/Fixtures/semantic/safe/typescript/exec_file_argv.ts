import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execFile, execFileSync, exec } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "git", version: "1.0.0" });

server.tool("git_log", { branch: z.string() }, async ({ branch }) => {
  const out = execFileSync("git", ["log", "--oneline", branch]).toString();
  execFile("git", ["show", branch], () => {});
  return { content: [{ type: "text", text: out }] };
});

server.tool("status", {}, async () => {
  exec("git status --porcelain", () => {});
  return { content: [] };
});
