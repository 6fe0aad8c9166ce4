import email
import imaplib
import os
import httpx
import requests
from github import Github
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reader")
gh = Github(os.environ.get("GH_TOKEN"))


@mcp.tool()
def fetch_page(url: str) -> str:
    """Fetch a web page and return its text."""
    resp = requests.get(url, timeout=10)  # EXPECT: MCP-TAINT-SSRF-001
    return resp.text  # EXPECT: MCP-SEM-UNTRUSTED-001


@mcp.tool()
async def issue_notes(project: int, iid: int) -> str:
    async with httpx.AsyncClient() as client:
        r = await client.get(f"https://gitlab.example.com/api/v4/projects/{project}/issues/{iid}/notes")
        notes = r.json()
        return "\n".join(n["body"] for n in notes)  # EXPECT: MCP-SEM-UNTRUSTED-001


@mcp.tool()
def issue_text(repo: str, number: int) -> str:
    issue = gh.get_repo(repo).get_issue(number)
    return f"# {issue.title}\n\n{issue.body}"  # EXPECT: MCP-SEM-UNTRUSTED-001


def latest_mail():
    box = imaplib.IMAP4_SSL("imap.example.com")
    _, data = box.fetch("1", "(RFC822)")
    msg = email.message_from_bytes(data[0][1])
    return msg.get_payload()


@mcp.tool()
def read_inbox() -> str:
    return latest_mail()  # EXPECT: MCP-SEM-UNTRUSTED-001


@mcp.tool()
def show_file(path: str) -> str:
    with open(path) as f:  # EXPECT: MCP-TAINT-PATH-001
        return f.read()  # EXPECT: MCP-SEM-UNTRUSTED-001
