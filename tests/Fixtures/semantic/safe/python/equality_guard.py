import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("mode")

@mcp.tool()
def mode(kind: str) -> str:
    if kind == "fast" or kind == "slow":
        return subprocess.run("runner --mode " + kind, shell=True).stdout
    return "unknown mode"
