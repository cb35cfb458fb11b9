// Builds the web console into dist/console: the page, its stylesheet and one bundled script (preact + htm inside;
// nothing is fetched from elsewhere at run time). Part of `npm run build`, so `npm start` serves it as is.
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist/console");

await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(root, "console/src/main.ts")],
  outfile: path.join(out, "app.js"),
  bundle: true,
  format: "esm",
  target: ["chrome110", "firefox115", "safari16"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
await Promise.all(["index.html", "app.css"].map((file) => copyFile(path.join(root, "console", file), path.join(out, file))));
