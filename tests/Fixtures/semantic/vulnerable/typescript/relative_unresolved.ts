import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "shop", version: "1.0.0" });
const ROOT = "/srv/shop";

server.tool("read_file", "Read a file", { file: z.string() }, async ({ file }) => {
  const relative = path.relative(ROOT, file);
  if (relative.startsWith("..")) {
    console.warn("outside root", file);
  }
  return { content: [{ type: "text", text: await fs.readFile(path.join(ROOT, file), "utf8") }] }; // EXPECT: MCP-TAINT-PATH-001 EXPECT: MCP-SEM-UNTRUSTED-001
});
