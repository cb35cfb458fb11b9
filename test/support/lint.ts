import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export interface LintFinding {
  rule: string | null;
  line: number;
  text: string;
}

// Runs in a child process: the flat config is ESM, which jest's VM cannot import.
const lintScript = `
const { ESLint } = require("eslint");
const files = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(files.map(async ({ code, filePath }) => (await eslint.lintText(code, { filePath }))[0]?.messages ?? []))
  .then((results) => process.stdout.write(JSON.stringify(results)));
`;

/** Lints each text as if it lived at its path (relative to the repository root) with the project's real ESLint config. */
export function lintTexts(files: Array<{ code: string; path: string }>): LintFinding[][] {
  const input = JSON.stringify(files.map((file) => ({ code: file.code, filePath: path.join(root, file.path) })));
  const run = spawnSync(process.execPath, ["-e", lintScript], { cwd: root, input, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as Array<Array<{ ruleId: string | null; line: number; message: string }>>;
  return results.map((messages) => messages.map((message) => ({ rule: message.ruleId, line: message.line, text: message.message })));
}

export const lintText = (code: string, relativePath: string): LintFinding[] => lintTexts([{ code, path: relativePath }])[0] ?? [];
