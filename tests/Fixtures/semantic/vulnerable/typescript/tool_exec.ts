import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec, execSync } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "shell", version: "1.0.0" });

server.tool("run", "Run a command", { command: z.string() }, async ({ command }) => {
  const out = execSync(command).toString(); // EXPECT: MCP-TAINT-CMD-001
  return { content: [{ type: "text", text: out }] };
});

server.tool("git_log", "Show log", { branch: z.string() }, async ({ branch }) => {
  const cmd = `git log --oneline ${branch}`;
  exec(cmd, () => {}); // EXPECT: MCP-TAINT-CMD-001
  return { content: [] };
});
