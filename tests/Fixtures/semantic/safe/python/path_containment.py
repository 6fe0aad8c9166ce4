import os
from pathlib import Path
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
BASE = "/srv/data"
ROOT = Path("/srv/data").resolve()

@mcp.tool()
def read(name: str) -> str:
    p = os.path.realpath(os.path.join(BASE, name))
    if not p.startswith(BASE + os.sep):
        raise ValueError("outside")
    with open(p) as f:
        return f.read()

@mcp.tool()
def read2(name: str) -> str:
    target = (ROOT / name).resolve()
    if not target.is_relative_to(ROOT):
        raise PermissionError(name)
    return target.read_text()

@mcp.tool()
def read3(name: str) -> str:
    p = os.path.abspath(os.path.join(BASE, name))
    if os.path.commonpath([BASE, p]) != BASE:
        return "denied"
    return open(p).read()

@mcp.tool()
def base_only(name: str) -> str:
    return open(os.path.join(BASE, os.path.basename(name))).read()
