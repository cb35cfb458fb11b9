#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (npm run build).
require("../dist/cli/main.js").main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
