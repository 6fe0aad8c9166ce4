import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execSync } from "node:child_process";
import { z } from "zod";

const server = new McpServer({ name: "helper", version: "1.0.0" });

function runGit(args) {
  return execSync("git " + args).toString(); // EXPECT: MCP-TAINT-CMD-001
}

server.tool("git", { args: z.string() }, async ({ args }) => {
  return { content: [{ type: "text", text: runGit(args) }] };
});

server.tool("eval", { code: z.string() }, async ({ code }) => {
  const parts = [];
  parts.push(code);
  return { content: [{ type: "text", text: String(eval(parts.join(";"))) }] }; // EXPECT: MCP-TAINT-CODE-001
});
