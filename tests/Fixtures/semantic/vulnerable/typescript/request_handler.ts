import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { spawn } from "child_process";
import vm from "node:vm";

const server = new Server({ name: "low", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments ?? {};
  if (request.params.name === "calc") {
    const result = vm.runInNewContext(String(args.expression)); // EXPECT: MCP-TAINT-CODE-001
    return { content: [{ type: "text", text: String(result) }] };
  }
  if (request.params.name === "run") {
    spawn(String(args.cmd), { shell: true }); // EXPECT: MCP-TAINT-CMD-001
  }
  return { content: [] };
});
