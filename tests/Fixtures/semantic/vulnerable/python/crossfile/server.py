from mcp.server.fastmcp import FastMCP

from .utils import run_cmd, read_under
from helpers import call_api as api
from .reports import archive_reports

mcp = FastMCP("ops")


@mcp.tool()
def ping(host: str) -> str:
    return run_cmd(f"ping -c 1 {host}")


@mcp.tool()
def show(name: str) -> str:
    return read_under("/srv/data", name)  # EXPECT: MCP-SEM-UNTRUSTED-001


@mcp.tool()
def forward(token: str) -> int:
    return api("https://api.example.com/me", token)


@mcp.tool()
def list_reports() -> str:
    return archive_reports()
