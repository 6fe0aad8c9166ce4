import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("users")

@mcp.tool()
def get_user(user_id: str) -> str:
    url = f"https://api.example.com/v1/users/{user_id}"
    return requests.get(url, timeout=5).text

@mcp.tool()
def search(term: str) -> str:
    return requests.get("https://api.example.com/v1/search?q=" + term, timeout=5).text

@mcp.tool()
def repo(name: str) -> str:
    return requests.get("https://api.github.com/repos/{}".format(name), timeout=5).text
