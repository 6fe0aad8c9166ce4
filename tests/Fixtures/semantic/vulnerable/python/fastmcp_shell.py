import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("shell")

@mcp.tool()
def run_command(command: str) -> str:
    """Run a shell command."""
    result = subprocess.run(command, shell=True, capture_output=True, text=True)  # EXPECT: MCP-TAINT-CMD-001
    return result.stdout
