from mcp.server.fastmcp import FastMCP

from .utils import run_cmd, read_under

mcp = FastMCP("ops")


@mcp.tool()
def ping(host: str) -> str:
    return run_cmd(["ping", "-c", "1", host])


@mcp.tool()
def show(name: str) -> str:
    return read_under("/srv/data", name)


@mcp.tool()
def uptime() -> str:
    return run_cmd("uptime")
