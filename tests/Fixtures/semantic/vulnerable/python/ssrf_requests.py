import requests
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")

@mcp.tool()
def fetch(url: str) -> str:
    return requests.get(url, timeout=5).text  # EXPECT: MCP-TAINT-SSRF-001 EXPECT: MCP-SEM-UNTRUSTED-001

@mcp.tool()
async def fetch_api(host: str, path: str) -> str:
    async with httpx.AsyncClient() as client:
        r = await client.get(f"https://{host}/{path}")  # EXPECT: MCP-TAINT-SSRF-001
        return r.text  # EXPECT: MCP-SEM-UNTRUSTED-001
