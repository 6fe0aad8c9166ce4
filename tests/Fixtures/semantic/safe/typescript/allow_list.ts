import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "svc", version: "1.0.0" });
const SERVICES = ["nginx", "redis"];
const ACTIONS = new Set(["start", "stop"]);

server.tool("restart", { service: z.string() }, async ({ service }) => {
  if (!SERVICES.includes(service)) {
    throw new Error("unknown service");
  }
  exec(`systemctl restart ${service}`);
  return { content: [] };
});

server.tool("act", { action: z.string() }, async ({ action }) => {
  if (ACTIONS.has(action)) {
    exec("systemctl " + action + " app");
  }
  return { content: [] };
});
