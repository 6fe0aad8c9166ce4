"""Acme Ops Assistant: an MCP server that helps on-call engineers with day-to-day chores.

This is the hardened counterpart of examples/vulnerable-mcp-server/python/server.py: the same
tools, written so that a scan with MCP Sentinel reports nothing above severity "low".
Configuration and credentials come from environment variables.

Run:  ACME_PROJECT_ROOT=/srv/projects/acme python server.py
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import operator
import os
import re
import secrets
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import requests
import uvicorn
import yaml
from mcp.server.fastmcp import FastMCP
from starlette.middleware.cors import CORSMiddleware

PROJECT_ROOT = Path(os.environ.get("ACME_PROJECT_ROOT", "/srv/projects/acme")).resolve()
CRM_DATABASE = os.environ.get("ACME_CRM_DATABASE", "/var/lib/acme-ops/crm.sqlite3")
STATUS_DIR = Path(os.environ.get("ACME_STATUS_DIR", "/var/www/status"))
WEBHOOK_URL = os.environ.get("ACME_WEBHOOK_URL", "")
CONSOLE_ORIGIN = os.environ.get("ACME_CONSOLE_ORIGIN", "https://console.acme.example")

# Hosts that fetch_url may contact; everything else is refused.
ALLOWED_FETCH_HOSTS = frozenset({"status.acme.example", "docs.acme.example", "api.github.com"})

# A git ref: branch, tag or commit id, without spaces, leading dashes or shell metacharacters.
GIT_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/~^-]{0,99}")

# Environment variables that debug_environment may show.
PUBLIC_SETTINGS = ("ACME_DEPLOY_ENV", "ACME_VERSION", "ACME_REGION", "ACME_LOG_LEVEL")

mcp = FastMCP("acme-ops", host="127.0.0.1", port=8765, debug=False)


@mcp.tool()
def git_log(ref: str = "HEAD", limit: int = 20) -> str:
    """Show the commit history of the Acme repository for a branch, tag or commit."""
    if not GIT_REF.fullmatch(ref) or ".." in ref:
        raise ValueError("ref must be a branch, tag or commit id")
    limit = max(1, min(int(limit), 200))
    result = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "log", "--oneline", "-n", str(limit), ref, "--"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return result.stdout or result.stderr


_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def _arithmetic(node: ast.AST) -> float:
    """Compute a parsed arithmetic expression, accepting only numbers and + - * / // %."""
    if isinstance(node, ast.Expression):
        return _arithmetic(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.operand))
    raise ValueError("only numbers and the operators + - * / // % are supported")


@mcp.tool()
def calculate(expression: str) -> str:
    """Evaluate an arithmetic expression such as '3 * (4 + 5)' and return the result."""
    if len(expression) > 200:
        raise ValueError("expression too long")
    return str(_arithmetic(ast.parse(expression, mode="eval")))


@mcp.tool()
def read_project_file(path: str) -> str:
    """Read a text file from the project workspace, e.g. 'docs/runbook.md'."""
    target = (PROJECT_ROOT / path).resolve()
    if not target.is_relative_to(PROJECT_ROOT):
        raise ValueError("path is outside the project workspace")
    return target.read_text(encoding="utf-8")[:100_000]


@mcp.tool()
def fetch_url(url: str) -> str:
    """Download a page from one of the approved Acme documentation hosts and return its text."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_FETCH_HOSTS:
        raise ValueError(f"only https URLs on {sorted(ALLOWED_FETCH_HOSTS)} can be fetched")
    response = requests.get(url, timeout=10, allow_redirects=False)
    response.raise_for_status()
    return response.text[:20_000]


@mcp.tool()
def instance_identity() -> dict:
    """Describe the deployment this server runs in (environment, version and region)."""
    return {name: os.environ.get(name, "") for name in ("ACME_DEPLOY_ENV", "ACME_VERSION", "ACME_REGION")}


@mcp.tool()
def find_customer(name: str) -> list[dict]:
    """Look up customers by their exact name in the CRM database."""
    conn = sqlite3.connect(CRM_DATABASE)
    try:
        rows = conn.execute("SELECT id, name, email, plan FROM customers WHERE name = ?", (name,)).fetchall()
    finally:
        conn.close()
    return [dict(zip(("id", "name", "email", "plan"), row)) for row in rows]


@mcp.tool()
def restore_session(state: str) -> dict:
    """Restore a saved assistant session from the JSON document produced at the last hand-over."""
    session = json.loads(state)
    if not isinstance(session, dict):
        raise ValueError("a session is a JSON object")
    return {"restored": True, "keys": sorted(session)}


@mcp.tool()
def validate_pipeline(config: str) -> dict:
    """Parse a CI pipeline definition written in YAML and list its stages."""
    pipeline = yaml.safe_load(config) or {}
    return {"stages": [str(stage) for stage in pipeline.get("stages", [])]}


def _hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


@mcp.tool()
def create_operator(username: str, password: str) -> dict:
    """Create an operator account and return its first API token (shown once)."""
    if len(password) < 12:
        raise ValueError("passwords need at least 12 characters")
    api_token = secrets.token_hex(32)
    token_digest = hashlib.sha256(api_token.encode()).hexdigest()
    conn = sqlite3.connect(CRM_DATABASE)
    try:
        conn.execute(
            "INSERT INTO operators (username, password_hash, token_digest) VALUES (?, ?, ?)",
            (username, _hash_password(password), token_digest),
        )
        conn.commit()
    finally:
        conn.close()
    return {"username": username, "api_token": api_token}


@mcp.tool()
def notify_channel(message: str) -> str:
    """Post a short status message to the operations chat channel."""
    if not WEBHOOK_URL:
        return "no webhook is configured (ACME_WEBHOOK_URL)"
    response = requests.post(WEBHOOK_URL, json={"text": message[:2000]}, timeout=5)
    return f"webhook answered HTTP {response.status_code}"


@mcp.tool()
def backup_identity() -> str:
    """Explain how operators back up their workstation identity (this server keeps no copies)."""
    return "Identities are managed by the Acme SSO portal; use its export page to move to a new laptop."


@mcp.tool()
def debug_environment() -> dict:
    """Show the non-secret settings of the server to help troubleshoot configuration problems."""
    return {name: os.environ.get(name, "") for name in PUBLIC_SETTINGS}


@mcp.tool()
def render_status_page(title: str, body: str) -> str:
    """Render the HTML status page that is published on the internal status site."""
    safe_title = html.escape(title)
    safe_body = html.escape(body)
    page = f"<html><head><title>{safe_title}</title></head><body><h1>{safe_title}</h1><div>{safe_body}</div></body></html>"
    (STATUS_DIR / "index.html").write_text(page, encoding="utf-8")
    return page


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two integers and return the sum."""
    return a + b


@mcp.tool()
def weather(city: str) -> str:
    """Return the current weather summary for a city.

    Data comes from the public forecast service and is cached for ten minutes.
    """
    response = requests.get("https://forecast.acme.example/v1/current", params={"city": city}, timeout=5)
    return response.json().get("summary", "no data")


@mcp.tool()
def list_incidents(service: str) -> list[dict]:
    """List the open incidents for a service."""
    conn = sqlite3.connect(CRM_DATABASE)
    try:
        rows = conn.execute(
            "SELECT id, title, severity FROM incidents WHERE service = ? AND resolved = 0", (service,)
        ).fetchall()
    finally:
        conn.close()
    return [{"id": r[0], "title": r[1], "severity": r[2]} for r in rows]


def main() -> None:
    app = mcp.streamable_http_app()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[CONSOLE_ORIGIN],
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["content-type", "mcp-session-id"],
    )
    uvicorn.run(app, host=mcp.settings.host, port=mcp.settings.port)


if __name__ == "__main__":
    main()
