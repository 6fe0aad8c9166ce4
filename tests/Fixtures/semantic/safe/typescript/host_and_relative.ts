import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "shop", version: "1.0.0" });
const WORKSPACE_ROOT = path.resolve("/srv/shop");
const ALLOWED_FETCH_HOSTS = new Set(["docs.example.com"]);

server.tool("read_file", "Read a workspace file", { path: z.string() }, async ({ path: requested }) => {
  const target = path.resolve(WORKSPACE_ROOT, requested);
  const relative = path.relative(WORKSPACE_ROOT, target);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new Error("path is outside the shop workspace");
  }
  return { content: [{ type: "text", text: await fs.readFile(target, "utf8") }] };
});

server.tool("fetch_page", "Fetch an approved page", { url: z.string().url() }, async ({ url }) => {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" || !ALLOWED_FETCH_HOSTS.has(parsed.hostname)) {
    throw new Error("host not allowed");
  }
  const response = await fetch(parsed, { redirect: "error" });
  return { content: [{ type: "text", text: await response.text() }] };
});
