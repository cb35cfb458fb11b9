#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (`npm run build` writes dist/).
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("interlink: not built yet; run `npm run build` first\n");
  process.exit(1);
}
require(entry).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
