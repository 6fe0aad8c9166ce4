#!/usr/bin/env python3
"""Load benchmark of the MCP Sentinel team server (standard library only).

Starts `mcp-sentinel server` on SQLite (a fresh data folder) with the in-process worker, then:
  1. read endpoints at a fixed rate (default 200 requests/s, open loop) for --duration seconds:
     GET /api/v1/scans, GET /api/v1/scans/{id}, GET /api/v1/scans/{id}/findings, GET /api/v1/rules;
     reports p50/p95/p99 latency and errors;
  2. --submissions concurrent scan submissions (default 100) of a small generated tree, then waits until every
     scan is final; reports how many completed, failed or were lost, and the time to drain the queue.

Usage: bench/server-load.py [--cli PATH-TO-mcp-sentinel.dll-or-binary] [--rate 200] [--duration 30]
                            [--submissions 100] [--port 18900] [--database postgres:...]
"""
import argparse, concurrent.futures, http.client, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time

def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    f, c = int(k), min(int(k) + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)

class Client:
    """One keep-alive connection per thread."""
    local = threading.local()

    def __init__(self, port, key):
        self.port, self.key = port, key

    def request(self, method, path, body=None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Api-Key": self.key}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            return resp.status, payload
        except (http.client.HTTPException, OSError):
            self.local.conn = None
            conn.close()
            raise

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(repo, "src/McpSentinel.Cli/bin/Release/net10.0/mcp-sentinel.dll"))
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--submissions", type=int, default=100)
    ap.add_argument("--port", type=int, default=18900)
    ap.add_argument("--database", default=None, help="default: SQLite in a fresh temporary data folder")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    if not os.path.exists(args.cli):
        sys.exit(f"{args.cli} not found: dotnet build -c Release src/McpSentinel.Cli (or pass --cli)")
    work = tempfile.mkdtemp(prefix="mcp-sentinel-load-")
    tree = os.path.join(work, "tree")
    os.makedirs(tree)
    for i in range(20):
        with open(os.path.join(tree, f"server_{i}.py"), "w") as f:
            f.write("import subprocess\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP('s%d')\n\n@mcp.tool()\n"
                    "def run(command: str) -> str:\n    return subprocess.check_output(command, shell=True).decode()\n" % i)
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"))
    cmd = (["dotnet", args.cli] if args.cli.endswith(".dll") else [args.cli]) + [
        "server", "--urls", f"http://127.0.0.1:{args.port}", "--allowed-root", tree,
        "--rate-limit", "10000000", "--workers", str(args.workers)]
    if args.database:
        cmd += ["--database", args.database]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(os.path.join(work, "server.log"), "w"), env=env, text=True)
    try:
        key = None
        deadline = time.time() + 120
        while time.time() < deadline and key is None:
            line = server.stdout.readline()
            if not line:
                sys.exit("the server exited; see " + os.path.join(work, "server.log"))
            if line.strip().startswith("mcps_"):
                key = line.strip()
        client = Client(args.port, key)
        for _ in range(300):
            try:
                if client.request("GET", "/health/ready")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)

        # seed: one completed scan to read
        status, body = client.request("POST", "/api/v1/scans", {"project": "bench", "path": tree})
        assert status == 202, (status, body)
        seed = json.loads(body)["id"]
        while json.loads(client.request("GET", f"/api/v1/scans/{seed}")[1])["status"] not in ("completed", "failed", "cancelled"):
            time.sleep(0.2)

        paths = ["/api/v1/scans?limit=20", f"/api/v1/scans/{seed}", f"/api/v1/scans/{seed}/findings?limit=50", "/api/v1/rules"]
        # warm-up
        for i in range(200):
            client.request("GET", paths[i % len(paths)])

        latencies, errors = [], [0]
        lock = threading.Lock()
        total = int(args.rate * args.duration)
        start = time.perf_counter()

        def one(i):
            due = start + i / args.rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            t0 = time.perf_counter()
            try:
                status, _ = client.request("GET", paths[i % len(paths)])
                ok = status == 200
            except OSError:
                ok = False
            # latency is measured from the scheduled send time (open loop: a slow server is not given a break)
            elapsed = (time.perf_counter() - due) * 1000.0
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1

        with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
            list(pool.map(one, range(total)))
        wall = time.perf_counter() - start
        achieved = total / wall

        # 100 concurrent submissions
        t0 = time.perf_counter()
        def submit(i):
            s, b = client.request("POST", "/api/v1/scans", {"project": f"load-{i % 10}", "path": tree})
            return json.loads(b)["id"] if s == 202 else None
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.submissions) as pool:
            ids = list(pool.map(submit, range(args.submissions)))
        accepted = [i for i in ids if i]
        submit_s = time.perf_counter() - t0
        final = {}
        deadline = time.time() + 1800
        while time.time() < deadline and len(final) < len(accepted):
            for sid in accepted:
                if sid in final:
                    continue
                st = json.loads(client.request("GET", f"/api/v1/scans/{sid}")[1])["status"]
                if st in ("completed", "failed", "cancelled"):
                    final[sid] = st
            time.sleep(0.5)
        drain_s = time.perf_counter() - t0
        completed = sum(1 for s in final.values() if s == "completed")

        print(f"command: {' '.join(sys.argv)}")
        print(f"read endpoints: {total} requests at a target {args.rate:.0f}/s (achieved {achieved:.0f}/s) over {wall:.1f} s, "
              f"{errors[0]} errors; latency p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
              f"p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms")
        print(f"submissions: {len(accepted)}/{args.submissions} accepted in {submit_s:.1f} s; {completed} completed, "
              f"{sum(1 for s in final.values() if s != 'completed')} failed/cancelled, {len(accepted) - len(final)} not finished; "
              f"queue drained in {drain_s:.1f} s")
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
