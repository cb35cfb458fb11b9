// The documents a user or contributor is sent to live in this repository: no link leaves it (except citations of
// public vendor documentation over https), every relative link resolves to a file here, and nothing points at the
// team's own notes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../../..");
/** Build output, dependencies, runtime state and test fixtures hold no documentation. */
const SKIP = new Set(["node_modules", "dist", ".git", ".interlink", "artifacts", "coverage", "test"]);

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

const documents = markdownFiles(root).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, "utf8") }));

/** Markdown link targets and autolinks (`[text](target)`, `<https://...>`). */
function targets(text: string): string[] {
  const inline = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? "");
  const auto = [...text.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((match) => match[1] ?? "");
  return [...inline, ...auto];
}

describe("documentation links", () => {
  it("when the repository is read, then README, CONTRIBUTING and docs/ are among the documents checked", () => {
    expect(documents.map((document) => document.file)).toEqual(expect.arrayContaining(["README.md", "CONTRIBUTING.md", path.join("docs", "request-reference.md"), path.join("docs", "operations.md")]));
  });

  it.each(documents.map((document) => [document.file, document]))("when %s links somewhere, then it stays in the repository (or cites public https documentation)", (_file, document) => {
    const outside = targets(document.text).filter((target) => {
      if (target.startsWith("#") || target.startsWith("mailto:")) return false;
      if (/^https:\/\//.test(target)) return /127\.0\.0\.1|localhost/.test(target);
      if (/^[a-z]+:/i.test(target) || target.startsWith("/")) return true;
      const resolved = path.resolve(root, path.dirname(document.file), target.split("#")[0] ?? "");
      return !resolved.startsWith(root + path.sep) || !existsSync(resolved);
    });
    expect(outside).toEqual([]);
  });

  it.each(documents.map((document) => [document.file, document]))("when %s is read, then it sends no one to the team's notes or reference documents", (_file, document) => {
    const found = [/\.\.\/shared\b/, /DESIGN\.md/, /\/work\//, /\bthe seeds?\b/i, /\bseed \d{3}\b/i, /\[Task \d\]/].filter((pattern) => pattern.test(document.text)).map(String);
    expect(found).toEqual([]);
  });
});
