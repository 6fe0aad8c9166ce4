import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("archive")

def build_command(name):
    return "tar czf /tmp/out.tgz " + name

def run(cmd):
    return subprocess.run(cmd, shell=True)  # EXPECT: MCP-TAINT-CMD-001

@mcp.tool()
def archive(name: str) -> str:
    command = build_command(name)
    run(command)
    return "ok"
