import jwt
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("proxy")
PUBLIC_KEY = open("/etc/proxy/jwt.pem").read()
DOWNSTREAM_TOKEN = "from-a-token-exchange"


@mcp.tool()
def list_repos(token: str) -> int:
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="https://mcp.example.com")
    resp = requests.get("https://api.example.com/user/repos",
                        headers={"Authorization": f"Bearer {token}", "X-User": claims["sub"]}, timeout=5)
    return len(resp.json())


@mcp.tool()
def list_items(token: str) -> int:
    # the incoming token only proves who the caller is; the downstream call uses the server's own credential
    resp = requests.get("https://api.example.com/items", headers={"Authorization": f"Bearer {DOWNSTREAM_TOKEN}"}, timeout=5)
    return len(resp.json())
