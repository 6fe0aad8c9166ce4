import os
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("debug")


@mcp.tool()
def debug_environment() -> dict:
    """Show the server's environment for debugging."""
    return dict(os.environ)  # EXPECT: MCP-SEM-SECRET-001


@mcp.tool()
def get_config() -> str:
    token = os.environ["GITHUB_TOKEN"]
    return f"configured with token {token}"  # EXPECT: MCP-SEM-SECRET-001


@mcp.tool()
def get_setting(name: str) -> str:
    return os.getenv(name, "")  # EXPECT: MCP-SEM-SECRET-001


@mcp.tool()
def connection_info() -> dict:
    return {"host": os.getenv("DB_HOST"), "password": os.getenv("DB_PASSWORD")}  # EXPECT: MCP-SEM-SECRET-001
