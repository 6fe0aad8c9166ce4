import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "crm", version: "1.0.0" });
const API = "https://crm.example.com";

server.tool("list_contacts", { query: z.string(), page: z.number() }, async ({ query, page }) => {
  const params = new URLSearchParams({ q: query, page: String(page) });
  const res = await fetch("https://crm.example.com/v1/contacts?" + params.toString(), { method: "GET" });
  const one = await fetch(`https://crm.example.com/v1/contacts/${encodeURIComponent(query)}`);
  const two = await fetch(`https://crm.example.com/v1/search/${query}`);
  return { content: [{ type: "text", text: await res.text() + (await one.text()) + (await two.text()) }] };
});
