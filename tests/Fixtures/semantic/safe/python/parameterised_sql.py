import sqlite3
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("db")
conn = sqlite3.connect("app.db")

@mcp.tool()
def find_user(name: str) -> list:
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return cur.fetchall()

@mcp.tool()
def by_id(user_id: str) -> list:
    return conn.execute("SELECT * FROM users WHERE id = %d" % int(user_id)).fetchall()
