import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { pool } from "./db";

const server = new McpServer({ name: "db", version: "1.0.0" });

function buildQuery(table: string): string {
  return "SELECT * FROM " + table;
}

server.tool("dump", { table: z.string() }, async ({ table }) => {
  const rows = await pool.query(buildQuery(table)); // EXPECT: MCP-TAINT-SQL-001
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

server.tool("find", { name: z.string() }, async ({ name }) => {
  const rows = await pool.query(`SELECT * FROM users WHERE name = '${name}'`); // EXPECT: MCP-TAINT-SQL-001
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
