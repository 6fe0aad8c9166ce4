import os
import shlex
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ping")

@mcp.tool()
def ping(host: str) -> str:
    return subprocess.run("ping -c 1 " + shlex.quote(host), shell=True, capture_output=True).stdout

@mcp.tool()
def count(n: str) -> str:
    times = int(n)
    os.system(f"seq {times}")
    return "ok"
