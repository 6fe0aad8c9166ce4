import os
import subprocess


def run_cmd(command):
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # EXPECT: MCP-TAINT-CMD-001


def read_under(root, name):
    path = os.path.join(root, name)
    with open(path) as f:  # EXPECT: MCP-TAINT-PATH-001
        return f.read()
