const express = require("express");
const { execFile } = require("child_process");
const fs = require("fs");
const path = require("path");

const app = express();
const LOGS = "/var/log/app";

app.get("/logs", (req, res) => {
  const file = path.resolve(LOGS, String(req.query.file));
  if (!file.startsWith(LOGS + path.sep)) return res.status(403).end();
  res.send(fs.readFileSync(file, "utf8"));
});

app.post("/ping", (req, res) => {
  execFile("ping", ["-c", "1", String(req.body.host)], (err, out) => res.send(out));
});

app.get("/health", (req, res) => {
  res.send(fs.readFileSync("/var/log/app/health.txt", "utf8"));
});

app.listen(3000, "127.0.0.1");
