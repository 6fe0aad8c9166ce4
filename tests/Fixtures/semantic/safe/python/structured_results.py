import os
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("status")
ROOT = "/srv/docs"


@mcp.tool()
def check_site() -> str:
    """Return only the status code and size of the home page."""
    resp = requests.get("https://www.example.com/", timeout=5)
    return f"status={resp.status_code} bytes={len(resp.content)}"


@mcp.tool()
def repo_stats(repo: str) -> dict:
    data = requests.get(f"https://api.github.com/repos/{repo}", timeout=5).json()
    return {"stars": data["stargazers_count"], "forks": data["forks_count"], "open_issues": int(data["open_issues"])}


def summarize(text: str) -> str:
    return text[:200]


@mcp.tool()
def page_summary(topic: str) -> str:
    html = requests.get("https://en.wikipedia.org/wiki/Special:Search", params={"search": topic}, timeout=5).text
    return summarize(html)


@mcp.tool()
def read_doc(name: str) -> str:
    p = os.path.realpath(os.path.join(ROOT, name))
    if not p.startswith(ROOT + os.sep):
        raise ValueError("outside the docs folder")
    with open(p) as f:
        return f.read()


@mcp.tool()
def ok() -> bool:
    return requests.get("https://status.example.com/health", timeout=5).ok
