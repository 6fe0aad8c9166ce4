import base64
import pickle
import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("state")

@mcp.tool()
def restore(blob: str) -> str:
    state = pickle.loads(base64.b64decode(blob))  # EXPECT: MCP-TAINT-DESER-001
    return str(state)

@mcp.tool()
def load_config(text: str) -> dict:
    return yaml.load(text, Loader=yaml.Loader)  # EXPECT: MCP-TAINT-DESER-001
