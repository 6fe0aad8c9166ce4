import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { promises as fs } from "node:fs";
import { jwtVerify, createRemoteJWKSet } from "jose";
import { z } from "zod";

const server = new McpServer({ name: "tidy", version: "1.0.0" });
const JWKS = createRemoteJWKSet(new URL("https://auth.example.com/.well-known/jwks.json"));
const SERVICE_KEY = process.env.SERVICE_API_KEY;

server.tool("check_url", "Check a page is up", { url: z.string().url() }, async ({ url }) => {
  const res = await fetch("https://probe.example.com/check?u=" + encodeURIComponent(url));
  return { content: [{ type: "text", text: `status ${res.status}` }] };
});

server.tool("stars", "Stars of a repo", { repo: z.string() }, async ({ repo }) => {
  const res = await fetch(`https://api.github.com/repos/${encodeURIComponent(repo)}`);
  const data = await res.json();
  return { content: [{ type: "text", text: String(data.stargazers_count) }] };
});

server.registerTool("get_config", { description: "Read config", annotations: { readOnlyHint: true } }, async () => {
  const text = await fs.readFile("/etc/app/config.json", "utf8");
  return { content: [{ type: "text", text }] };
});

server.tool("delete_cache", "Delete the cache", {}, async () => {
  await fs.rm("/tmp/cache", { recursive: true, force: true });
  return { content: [] };
});

server.tool("env_names", "Names of environment variables", {}, async () => ({
  content: [{ type: "text", text: Object.keys(process.env).join(",") }],
}));

server.tool("node_env", "Runtime mode", {}, async () => ({
  content: [{ type: "text", text: process.env.NODE_ENV ?? "development" }],
}));

server.tool("weather", "Weather", { city: z.string() }, async ({ city }) => {
  const res = await fetch("https://api.weather.example.com/now?q=" + encodeURIComponent(city), { headers: { Authorization: `Bearer ${SERVICE_KEY}` } });
  const data = await res.json();
  return { content: [{ type: "text", text: `${Number(data.temp_c)} C` }] };
});

server.tool("my_repos", "List repos", { token: z.string() }, async ({ token }) => {
  await jwtVerify(token, JWKS, { issuer: "https://auth.example.com", audience: "https://mcp.example.com" });
  const res = await fetch("https://api.example.com/user/repos", { headers: { Authorization: `Bearer ${token}` } });
  return { content: [{ type: "text", text: String(res.status) }] };
});

server.tool("open_issue", "Open an issue", { title: z.string() }, async ({ title }) => {
  const res = await fetch("https://api.github.com/repos/acme/app/issues", { method: "POST", body: JSON.stringify({ title }), headers: { Authorization: `Bearer ${SERVICE_KEY}` } });
  return { content: [{ type: "text", text: JSON.stringify(await res.json()) }] };
});
