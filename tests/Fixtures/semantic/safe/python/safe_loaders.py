import json
import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cfg")

@mcp.tool()
def load(text: str) -> dict:
    return yaml.load(text, Loader=yaml.SafeLoader)

@mcp.tool()
def load2(text: str) -> dict:
    return yaml.safe_load(text) or json.loads(text)
