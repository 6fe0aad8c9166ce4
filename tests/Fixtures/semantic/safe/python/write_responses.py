import os
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("tracker")


@mcp.tool()
def create_issue(name: str, description: str = "") -> dict:
    """Create an issue; the response is the issue this tool just wrote, not third-party text."""
    token = os.environ["LINEAR_TOKEN"]
    response = requests.post(
        "https://api.linear.app/v1/issues",
        json={"name": name, "description": description},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


@mcp.tool()
def mail_labels() -> list:
    # a fixed API endpoint that is not user-written content (the host name says mail, the path does not)
    return requests.get("https://mail.example.com/v1/labels", timeout=10).json()
