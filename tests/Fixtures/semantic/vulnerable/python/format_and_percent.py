import os
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git")

@mcp.tool()
def git_log(branch: str) -> str:
    cmd = "git log --oneline {}".format(branch)
    return subprocess.check_output(cmd, shell=True).decode()  # EXPECT: MCP-TAINT-CMD-001

@mcp.tool()
def git_show(rev: str) -> str:
    return os.popen("git show %s" % rev).read()  # EXPECT: MCP-TAINT-CMD-001
