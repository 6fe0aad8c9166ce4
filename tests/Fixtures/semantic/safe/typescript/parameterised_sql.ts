import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { pool, sql } from "./db";

const server = new McpServer({ name: "db", version: "1.0.0" });

server.tool("find", { name: z.string() }, async ({ name }) => {
  const rows = await pool.query("SELECT * FROM users WHERE name = $1", [name]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

server.tool("find2", { name: z.string() }, async ({ name }) => {
  const rows = await pool.query(sql`SELECT * FROM users WHERE name = ${name}`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

server.tool("limit", { n: z.string() }, async ({ n }) => {
  const limit = Number(n);
  const rows = await pool.query(`SELECT * FROM users LIMIT ${limit}`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
