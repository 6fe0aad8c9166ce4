from urllib.parse import urlsplit
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("docs")
ALLOWED_FETCH_HOSTS = {"docs.example.com"}

@mcp.tool()
def fetch_url(url: str, strict: bool = True) -> str:
    parts = urlsplit(url)
    if strict and parts.hostname not in ALLOWED_FETCH_HOSTS:
        raise ValueError("host not allowed")
    return requests.get(url, timeout=10).text  # EXPECT: MCP-TAINT-SSRF-001 EXPECT: MCP-SEM-UNTRUSTED-001
