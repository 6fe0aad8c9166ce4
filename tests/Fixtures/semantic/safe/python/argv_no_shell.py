import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git")

@mcp.tool()
def git_log(branch: str) -> str:
    return subprocess.run(["git", "log", "--oneline", branch], capture_output=True, text=True).stdout

@mcp.tool()
def status() -> str:
    return subprocess.run("git status --porcelain", shell=True, capture_output=True, text=True).stdout
