const fs = require("node:fs/promises");
const path = require("node:path");

async function readNote(name) {
  return fs.readFile(path.join("/srv/notes", name), "utf8"); // EXPECT: MCP-TAINT-PATH-001
}

module.exports = { readNote };
