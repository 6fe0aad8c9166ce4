import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "parse", version: "1.0.0" });
const PATTERN = /([a-z]+)=(\d+)/;

server.tool("parse", { text: z.string() }, async ({ text }) => {
  const m = PATTERN.exec(text);
  const data = JSON.parse(text);
  return { content: [{ type: "text", text: m ? m[1] : String(data) }] };
});
