import os
import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("svc")
ALLOWED_SERVICES = {"nginx", "redis"}

@mcp.tool()
def restart(service: str) -> str:
    if service not in ALLOWED_SERVICES:
        raise ValueError("unknown service")
    os.system("systemctl restart " + service)
    return "restarted"

@mcp.tool()
def stop(service: str) -> str:
    if service in ("nginx", "redis"):
        subprocess.run("systemctl stop " + service, shell=True)
        return "stopped"
    return "refused"
