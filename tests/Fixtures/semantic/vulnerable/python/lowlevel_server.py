import subprocess
from mcp.server import Server

server = Server("lowlevel")

@server.call_tool()
async def handle_call_tool(name: str, arguments: dict):
    if name == "grep":
        pattern = arguments["pattern"]
        out = subprocess.getoutput("grep -r " + pattern + " .")  # EXPECT: MCP-TAINT-CMD-001
        return [out]
    if name == "calc":
        expr = arguments.get("expression", "0")
        return [str(eval(expr))]  # EXPECT: MCP-TAINT-CODE-001
    return []
