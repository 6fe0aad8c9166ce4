import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execSync } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "misc", version: "1.0.0" });
const ALLOWED_HOSTS = ["api.example.com"];

server.tool("show", { rev: z.string() }, async ({ rev }) => {
  if (!/^[0-9a-f]{7,40}$/.test(rev)) throw new Error("bad revision");
  return { content: [{ type: "text", text: execSync("git show " + rev).toString() }] };
});

server.tool("weather", { city: z.string() }, async ({ city }) => {
  const res = await fetch("https://api.example.com/weather?q=" + encodeURIComponent(city));
  return { content: [{ type: "text", text: await res.text() }] };
});

server.tool("status", { host: z.string() }, async ({ host }) => {
  if (!ALLOWED_HOSTS.includes(host)) throw new Error("host not allowed");
  const res = await fetch(`https://${host}/status`);
  return { content: [{ type: "text", text: await res.text() }] };
});
