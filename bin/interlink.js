#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (`npm run build` writes dist/).
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("interlink: not built yet; run `npm run build` first\n");
  process.exit(1);
}
// The first Ctrl-C stops following (the operation carries on) and says how to pick it up; a second one quits.
const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: interrupt.signal };
require(entry).main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
