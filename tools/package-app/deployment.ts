// What the deployable zip of the app holds: the files .funcignore lets through (the compiled app and host.json), a
// package.json for the deployed app, and the production dependencies npm installed, never a devDependency nor a
// workspace package (the offline tooling).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

export interface DeploymentFile {
  /** Path inside the zip, with forward slashes. */
  path: string;
  /** The file on disk, or generated content. */
  source: string | Buffer;
}

/** The fields of the root package.json the Functions host and an `npm install` on the server read. */
const MANIFEST_FIELDS = ["name", "version", "description", "private", "license", "main", "type", "engines", "dependencies"];

/** package.json without the workspaces, scripts and devDependencies that only make sense in the repository. */
export function deploymentManifest(manifest: Record<string, unknown>): string {
  return `${JSON.stringify(Object.fromEntries(MANIFEST_FIELDS.filter((field) => field in manifest).map((field) => [field, manifest[field]])), null, 2)}\n`;
}

function npmCommand(): { command: string; args: string[] } {
  // Under `npm run` npm names its own entry point; elsewhere the npm on PATH.
  const npmCli = process.env.npm_execpath;
  return npmCli && npmCli.endsWith(".js") ? { command: process.execPath, args: [npmCli] } : { command: "npm", args: [] };
}

/**
 * Directories (relative to root) of the installed packages the app needs at run time, as npm itself reckons them:
 * workspaces, devDependencies and extraneous leftovers left out.
 */
export function productionDependencyDirs(root: string): string[] {
  const npm = npmCommand();
  const run = spawnSync(npm.command, [...npm.args, "ls", "--omit=dev", "--all", "--parseable", "--long", "--workspaces=false"], { cwd: root, encoding: "utf8" });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`the production dependencies are not installed as package.json asks (run npm ci):\n${run.stderr.trim()}`);
  // Each line: <directory>:<name>@<version>[:<flags>]
  return run.stdout.split("\n").flatMap((line) => {
    const entry = /^(.*?):((?:@[^/:]+\/)?[^@:]+@[^:]+)(?::(.*))?$/.exec(line.trim());
    if (!entry || entry[3]?.includes("EXTRANEOUS")) return [];
    const dir = path.relative(root, entry[1] ?? "").split(path.sep).join("/");
    return dir.startsWith("node_modules/") ? [dir] : [];
  });
}

/** Files under `dir` that .funcignore lets through; node_modules below it are other packages, listed on their own. */
function listFiles(root: string, dir: string, funcignore: Ignore): DeploymentFile[] {
  const files: DeploymentFile[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    const absolute = path.join(root, relative);
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statSync(absolute).isDirectory());
    if (isDirectory) {
      if (entry.name !== "node_modules" && entry.name !== ".git" && !funcignore.ignores(`${relative}/`)) files.push(...listFiles(root, relative, funcignore));
    } else if (!funcignore.ignores(relative)) files.push({ path: relative, source: absolute });
  }
  return files;
}

export interface Deployment {
  /** Everything the zip holds, in path order. */
  files: DeploymentFile[];
  /** The production packages among them (their node_modules directories). */
  packages: string[];
}

export function deployment(root: string): Deployment {
  const funcignore = ignore().add(readFileSync(path.join(root, ".funcignore"), "utf8"));
  const app = listFiles(root, "", funcignore).filter((file) => file.path !== "package.json");
  const manifest = { path: "package.json", source: Buffer.from(deploymentManifest(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>)) };
  const packages = productionDependencyDirs(root);
  const files = [...app, manifest, ...packages.flatMap((dir) => listFiles(root, dir, funcignore))];
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), packages };
}
