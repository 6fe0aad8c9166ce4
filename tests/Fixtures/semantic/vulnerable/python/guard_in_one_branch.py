import os
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
BASE = "/srv/data"

@mcp.tool()
def read(name: str, strict: bool = True) -> str:
    p = os.path.realpath(os.path.join(BASE, name))
    if strict:
        if not p.startswith(BASE + os.sep):
            raise ValueError("outside")
        return open(p).read()
    return open(p).read()  # EXPECT: MCP-TAINT-PATH-001 EXPECT: MCP-SEM-UNTRUSTED-001
