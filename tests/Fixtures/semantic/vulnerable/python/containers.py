import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("containers")

@mcp.tool()
def multi(files: list[str]) -> str:
    parts = ["cat"]
    for f in files:
        parts.append(f)
    line = " ".join(parts)
    return subprocess.run(line, shell=True, capture_output=True).stdout  # EXPECT: MCP-TAINT-CMD-001

@mcp.tool()
def opts(flag: str) -> str:
    options = {"flag": flag}
    return subprocess.run("tool " + options["flag"], shell=True).stdout  # EXPECT: MCP-TAINT-CMD-001
