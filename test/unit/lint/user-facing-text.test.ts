// Every string the app can show (API bodies, errors, events, plan and policy text, CLI output) is written in the
// user's words: none names the team's reference documents ("the seed", "seed 002", "Task 1", DESIGN.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(__dirname, "../../..");
const APP = ["functions", "orchestrations", "shared", "cli"];
const INTERNAL = [/\bseeds?\b/i, /\bTask \d\b/, /DESIGN\.md/, /\.\.\/shared\//];

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The text of every string and template literal in a file, with its line. */
function literals(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Import specifiers are paths, not text anyone reads.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("user-facing text", () => {
  const files = APP.flatMap((directory) => sources(path.join(root, directory)));

  it("when the app's sources are scanned, then there are strings to check", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(literals(path.join(root, "shared/domain/iam/notes.ts")).length).toBeGreaterThan(3);
  });

  it("when the app says something, then it never names the team's reference documents", () => {
    const offending = files.flatMap((file) =>
      literals(file)
        .filter((literal) => INTERNAL.some((pattern) => pattern.test(literal.text)))
        .map((literal) => `${path.relative(root, file)}:${literal.line}: ${literal.text}`),
    );
    expect(offending).toEqual([]);
  });
});
