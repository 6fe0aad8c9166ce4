import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "web", version: "1.0.0" });

server.tool("fetch_url", { url: z.string() }, async ({ url }) => {
  const res = await fetch(url); // EXPECT: MCP-TAINT-SSRF-001
  return { content: [{ type: "text", text: await res.text() }] };  // EXPECT: MCP-SEM-UNTRUSTED-001
});

server.tool("api", { host: z.string() }, async ({ host }) => {
  const res = await axios.get(`http://${host}/api/v1/status`); // EXPECT: MCP-TAINT-SSRF-001
  return { content: [{ type: "text", text: JSON.stringify(res.data) }] };  // EXPECT: MCP-SEM-UNTRUSTED-001
});
