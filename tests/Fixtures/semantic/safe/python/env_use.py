import os
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("api")
API_KEY = os.environ["SERVICE_API_KEY"]


@mcp.tool()
def get_weather(city: str) -> str:
    resp = requests.get("https://api.weather.example.com/v1/now", params={"q": city},
                        headers={"Authorization": f"Bearer {API_KEY}"}, timeout=5)
    return f"{int(resp.json()['temp_c'])} C"


@mcp.tool()
def home_folder() -> str:
    return os.environ.get("HOME", "/")


@mcp.tool()
def env_names() -> list[str]:
    return sorted(os.environ.keys())


@mcp.tool()
def has_token() -> bool:
    return bool(os.getenv("GITHUB_TOKEN"))
