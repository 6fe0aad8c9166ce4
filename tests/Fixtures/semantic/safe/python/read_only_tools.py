import os
import subprocess
import sqlite3
import requests
from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("notes")
DB = sqlite3.connect("notes.db")


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def get_note(name: str) -> str:
    row = DB.execute("SELECT body FROM notes WHERE name = ?", (name,)).fetchone()
    return row[0] if row else ""


@mcp.tool()
def list_notes() -> list[str]:
    return sorted(os.listdir("/srv/notes"))


@mcp.tool()
def read_readme() -> str:
    with open("/srv/notes/README.md", "r") as f:
        return f.read()


@mcp.tool()
def search_issues(query: str) -> int:
    resp = requests.get("https://api.example.com/search", params={"q": query}, timeout=5)
    return int(resp.json()["total_count"])


@mcp.tool()
def search_docs(query: str) -> int:
    # a search API that takes POST: not a contradiction for a tool that is only *named* read-only
    resp = requests.post("https://search.example.com/query", json={"q": query}, timeout=5)
    return len(resp.json()["hits"])


@mcp.tool()
def delete_note(name: str) -> str:
    DB.execute("DELETE FROM notes WHERE name = ?", (name,))
    DB.commit()
    return "deleted"


@mcp.tool()
def list_commits(limit: int = 20) -> str:
    # a command that only reads: not a contradiction for a tool that is only *named* read-only
    return subprocess.run(["git", "-C", "/srv/repo", "log", f"-{int(limit)}", "--oneline"], capture_output=True, text=True).stdout
