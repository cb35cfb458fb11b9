import { readFileSync } from "node:fs";
import path from "node:path";
import { EXIT, EXIT_TABLE } from "../../../cli/exit-codes";
import { main } from "../../../cli/main";

const readme = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
const tableRows = EXIT_TABLE.split("\n").slice(1);

describe("exit statuses a script can rely on", () => {
  it("when the README documents them, then it lists exactly the table --help prints", () => {
    const documented = /Exit status, the same for every command:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(documented?.trimEnd().split("\n")).toEqual(tableRows.map((row) => row.replace(/^ {2}/, "")));
  });

  it("when --help is asked, then every exit status the CLI can return is in the table", async () => {
    let stdout = "";
    expect(await main(["--help"], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } })).toBe(0);
    for (const code of Object.values(EXIT)) expect(stdout).toMatch(new RegExp(`^ {2}${code} +\\S`, "m"));
  });
});
