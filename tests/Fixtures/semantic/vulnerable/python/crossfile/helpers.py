import requests


def call_api(url, bearer):
    resp = requests.get(url, headers={"Authorization": f"Bearer {bearer}"}, timeout=5)  # EXPECT: MCP-SEM-TOKEN-001
    return resp.status_code
