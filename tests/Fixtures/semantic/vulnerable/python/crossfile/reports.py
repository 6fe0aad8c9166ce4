import os
import shutil


def archive_reports():
    names = sorted(os.listdir("/srv/reports"))
    shutil.move("/srv/reports", "/srv/archive")  # EXPECT: MCP-SEM-READONLY-001
    return "\n".join(names)
