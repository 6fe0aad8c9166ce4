import sqlite3
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("db")
conn = sqlite3.connect("app.db")

@mcp.tool()
def find_user(name: str) -> list:
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")  # EXPECT: MCP-TAINT-SQL-001
    return cur.fetchall()

@mcp.tool()
def count(table: str) -> int:
    query = f"SELECT COUNT(*) FROM {table}"
    return conn.execute(query).fetchone()[0]  # EXPECT: MCP-TAINT-SQL-001
