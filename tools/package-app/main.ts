// `npm run package`: zips the built app (npm run build:app) with its production dependencies for a zip deployment,
// and prints where the zip is and how big. `--out <file>` writes it elsewhere (default artifacts/interlink.zip).
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { ZipFile } from "yazl";
import { deployment, type DeploymentFile } from "./deployment";

const root = path.resolve(__dirname, "../..");

function outputPath(argv: string[]): string {
  const index = argv.indexOf("--out");
  if (index === -1) return path.join(root, "artifacts/interlink.zip");
  const value = argv[index + 1];
  if (!value) throw new Error("--out needs a file name");
  return path.resolve(value);
}

async function writeZip(files: DeploymentFile[], out: string): Promise<void> {
  mkdirSync(path.dirname(out), { recursive: true });
  const zip = new ZipFile();
  for (const file of files) {
    if (typeof file.source === "string") zip.addFile(file.source, file.path);
    else zip.addBuffer(file.source, file.path);
  }
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(out)));
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const out = outputPath(process.argv.slice(2));
  const { files, packages } = deployment(root);
  if (!files.some((file) => file.path === "dist/functions/index.js")) throw new Error("dist/functions/index.js is missing: run npm run build:app first");
  await writeZip(files, out);
  const appFiles = files.filter((file) => !file.path.startsWith("node_modules/")).length;
  console.log(`${path.relative(process.cwd(), out)}: ${mebibytes(statSync(out).size)} (${files.length} files: ${appFiles} of the app, the rest from ${packages.length} production packages)`);
}

main().catch((error: unknown) => {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
