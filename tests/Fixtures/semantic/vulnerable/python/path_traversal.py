import os
from pathlib import Path
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
ROOT = "/srv/files"

@mcp.tool()
def read_file(path: str) -> str:
    full = os.path.join(ROOT, path)
    with open(full) as f:  # EXPECT: MCP-TAINT-PATH-001
        return f.read()  # EXPECT: MCP-SEM-UNTRUSTED-001

@mcp.tool()
def delete_file(path: str) -> str:
    os.remove(os.path.join(ROOT, path))  # EXPECT: MCP-TAINT-PATH-001
    return "deleted"

@mcp.tool()
def write_note(name: str, body: str) -> str:
    Path(ROOT, name).write_text(body)  # EXPECT: MCP-TAINT-PATH-001
    return "saved"
