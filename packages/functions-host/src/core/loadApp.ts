// Loads an app the way the Node worker does: package.json "main" (a file or a glob) is required file by file,
// then the appStart hooks run and the programming model is asked for its capabilities (which locks app.setup()).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { registry } from "./functionsCore";

/** Minimal glob: `*` within a path segment, `**` across segments. Enough for package.json "main" patterns. */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === "*" && pattern[index + 1] === "*") {
      source += pattern[index + 2] === "/" ? "(?:.*/)?" : ".*";
      index += pattern[index + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function walk(directory: string, base: string, out: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join("/"));
  }
}

export function resolveEntryFiles(appRoot: string, entries?: string | string[]): string[] {
  let patterns: string[];
  if (entries !== undefined) patterns = Array.isArray(entries) ? entries : [entries];
  else {
    const packageJson = JSON.parse(readFileSync(path.join(appRoot, "package.json"), "utf8")) as { main?: unknown };
    patterns = [typeof packageJson.main === "string" ? packageJson.main : "index.js"];
  }
  const files: string[] = [];
  for (const pattern of patterns) {
    if (path.isAbsolute(pattern) && !/[*?]/.test(pattern)) {
      files.push(pattern);
      continue;
    }
    const normalized = pattern.replace(/\\/g, "/").replace(/^\.\//, "");
    if (!/[*?]/.test(normalized)) {
      files.push(path.resolve(appRoot, normalized));
      continue;
    }
    const firstGlob = normalized.search(/[*?]/);
    const fixedPrefix = normalized.slice(0, normalized.lastIndexOf("/", firstGlob) + 1);
    const searchRoot = path.resolve(appRoot, fixedPrefix);
    const matcher = globToRegExp(normalized);
    const found: string[] = [];
    if (existsSync(searchRoot) && statSync(searchRoot).isDirectory()) walk(searchRoot, appRoot, found);
    const matches = found.filter((relative) => matcher.test(relative)).sort();
    if (matches.length === 0) throw new Error(`No files match the entry point "${pattern}" under ${appRoot}`);
    files.push(...matches.map((relative) => path.resolve(appRoot, relative)));
  }
  for (const file of files) if (!existsSync(file)) throw new Error(`Entry point ${file} does not exist (did you run the build?)`);
  return files;
}

function isEsm(file: string, appRoot: string): boolean {
  if (file.endsWith(".mjs")) return true;
  if (file.endsWith(".cjs") || file.endsWith(".ts")) return false;
  try {
    const packageJson = JSON.parse(readFileSync(path.join(appRoot, "package.json"), "utf8")) as { type?: unknown };
    return packageJson.type === "module";
  } catch {
    return false;
  }
}

export async function loadApp(appRoot: string, entries?: string | string[]): Promise<string[]> {
  const files = resolveEntryFiles(appRoot, entries);
  for (const file of files) {
    if (isEsm(file, appRoot)) await import(pathToFileURL(file).href);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the worker loads CommonJS apps with require, so must we
    else require(file);
  }
  const model = registry.programmingModel;
  if (model?.getCapabilities) {
    const capabilities = await model.getCapabilities({});
    if (capabilities.HttpUri) throw new Error("app.setup({ enableHttpStream: true }) is not supported by the dev host");
  }
  for (const hook of registry.hooks.get("appStart") ?? []) {
    await hook({ hookData: {}, appHookData: registry.appHookData, functionAppDirectory: appRoot });
  }
  return files;
}
