const express = require("express");
const { exec } = require("child_process");
const fs = require("fs");

const app = express();

app.get("/logs", (req, res) => {
  const file = req.query.file;
  res.send(fs.readFileSync("/var/log/" + file, "utf8")); // EXPECT: MCP-TAINT-PATH-001
});

app.post("/ping", (req, res) => {
  exec("ping -c 1 " + req.body.host, (err, out) => res.send(out)); // EXPECT: MCP-TAINT-CMD-001
});

app.listen(3000, "127.0.0.1");
