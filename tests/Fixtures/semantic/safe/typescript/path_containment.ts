import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });
const ROOT = "/srv/files";

server.registerTool("read_file", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const full = path.resolve(ROOT, file);
  if (!full.startsWith(ROOT + path.sep)) throw new Error("outside root");
  return { content: [{ type: "text", text: await fs.readFile(full, "utf8") }] };
});

server.registerTool("delete_file", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const full = path.resolve(ROOT, file);
  if (path.relative(ROOT, full).startsWith("..")) {
    return { content: [{ type: "text", text: "denied" }] };
  }
  await fs.unlink(full);
  return { content: [] };
});

server.registerTool("read_base", { inputSchema: { file: z.string() } }, async ({ file }) => {
  return { content: [{ type: "text", text: await fs.readFile(path.join(ROOT, path.basename(file)), "utf8") }] };
});
