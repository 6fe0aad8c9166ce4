import os
from flask import Flask, request

app = Flask(__name__)

@app.route("/run")
def run():
    cmd = request.args.get("cmd")
    os.system(cmd)  # EXPECT: MCP-TAINT-CMD-001
    return "ok"

@app.route("/exec", methods=["POST"])
def execute():
    data = request.get_json()
    exec(data["code"])  # EXPECT: MCP-TAINT-CODE-001
    return "ok"
