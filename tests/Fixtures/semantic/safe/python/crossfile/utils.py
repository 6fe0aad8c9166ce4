import os
import subprocess

ROOT = "/srv/data"


def run_cmd(argv):
    return subprocess.run(argv, capture_output=True, text=True).stdout


def read_under(root, name):
    path = os.path.realpath(os.path.join(ROOT, name))
    if not path.startswith(ROOT + os.sep):
        raise PermissionError(name)
    with open(path) as f:
        return f.read()
