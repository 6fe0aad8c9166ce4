import httpx
import requests
from flask import Flask, request
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("proxy")
app = Flask(__name__)


@mcp.tool()
def list_repos(token: str) -> int:
    resp = requests.get("https://api.github.com/user/repos",  # EXPECT: MCP-SEM-TOKEN-001
                        headers={"Authorization": f"Bearer {token}"}, timeout=5)
    return len(resp.json())


@app.route("/proxy/profile")
def profile():
    auth = request.headers.get("Authorization")
    r = httpx.get("https://graph.example.com/v1/me", headers={"Authorization": auth})  # EXPECT: MCP-SEM-TOKEN-001
    return {"status": r.status_code}
