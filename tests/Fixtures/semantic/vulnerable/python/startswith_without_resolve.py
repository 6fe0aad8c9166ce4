import os
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
BASE = "/srv/data"

@mcp.tool()
def read(name: str) -> str:
    p = os.path.join(BASE, name)
    # a prefix check on an unresolved path is bypassed by "../"
    if not p.startswith(BASE):
        raise ValueError("outside")
    return open(p).read()  # EXPECT: MCP-TAINT-PATH-001 EXPECT: MCP-SEM-UNTRUSTED-001
