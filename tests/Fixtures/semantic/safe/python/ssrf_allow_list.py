from urllib.parse import urlparse
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")
ALLOWED_URLS = ["https://api.example.com/status", "https://api.example.com/health"]

@mcp.tool()
def check(url: str) -> str:
    if url not in ALLOWED_URLS:
        raise ValueError("not allowed")
    return requests.get(url, timeout=5).text

@mcp.tool()
def weather(city: str) -> str:
    return requests.get("https://api.example.com/weather", params={"q": city}, timeout=5).text
