import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });
const ROOT = "/srv/files";

server.registerTool("read_file", { description: "Read a file", inputSchema: { file: z.string() } }, async ({ file }) => {
  const full = path.join(ROOT, file);
  const text = await fs.readFile(full, "utf8"); // EXPECT: MCP-TAINT-PATH-001
  return { content: [{ type: "text", text }] };  // EXPECT: MCP-SEM-UNTRUSTED-001
});

server.registerTool("delete_file", { description: "Delete", inputSchema: { file: z.string() } }, async ({ file }) => {
  await fs.unlink(`${ROOT}/${file}`); // EXPECT: MCP-TAINT-PATH-001
  return { content: [] };
});
