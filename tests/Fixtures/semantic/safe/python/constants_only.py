import os
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sys")
LOG = "/var/log/app.log"

@mcp.tool()
def uptime() -> str:
    os.system("uptime")
    return open(LOG).read()

def maintenance():
    subprocess.run("apt-get update", shell=True)
    eval("1 + 1")
