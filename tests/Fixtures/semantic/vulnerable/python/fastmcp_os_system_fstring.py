import os
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ping")

@mcp.tool()
def ping(host: str, count: int = 1) -> str:
    cmd = f"ping -c {count} {host}"
    os.system(cmd)  # EXPECT: MCP-TAINT-CMD-001
    return "done"
