import re
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git")
SHA = re.compile(r"[0-9a-f]{7,40}")

@mcp.tool()
def show(rev: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{7,40}", rev):
        raise ValueError("bad revision")
    return subprocess.check_output("git show " + rev, shell=True).decode()

@mcp.tool()
def show2(rev: str) -> str:
    if not SHA.fullmatch(rev):
        return "bad revision"
    return subprocess.check_output(f"git show {rev}", shell=True).decode()

@mcp.tool()
def page(n: str) -> str:
    if not n.isdigit():
        return "bad"
    return subprocess.check_output("seq " + n, shell=True).decode()
