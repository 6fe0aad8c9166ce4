import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("misc")

@mcp.prompt()
def review(path: str) -> str:
    return open(path).read()  # EXPECT: MCP-TAINT-PATH-001

@mcp.resource("logs://{service}")
def logs(service: str) -> str:
    return subprocess.check_output(["sh", "-c", "journalctl -u " + service]).decode()  # EXPECT: MCP-TAINT-CMD-001
