import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "ui", version: "1.0.0" });

export const Banner = ({ text }: { text: string }) => <div className="banner">{text}</div>;

server.prompt("render", { template: z.string() }, async ({ template }) => {
  const fn = new Function("data", template); // EXPECT: MCP-TAINT-CODE-001
  return { messages: [{ role: "user", content: { type: "text", text: String(fn({})) } }] };
});
