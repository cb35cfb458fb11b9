import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

const root = path.resolve(__dirname, "../../..");
const lockfile = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

/** Node 20 here and in CI (the oldest minor the project takes), Node 22 LTS in Azure (the oldest minor its dependencies take). */
const NODES = ["20.19.0", "22.13.0"];

describe("Node versions the install accepts", () => {
  it("when npm ci runs on Node 20 or 22, then no package in the lockfile refuses that Node (no EBADENGINE)", () => {
    const refusals = Object.entries(lockfile.packages).flatMap(([name, entry]) => {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      return range === undefined ? [] : NODES.filter((node) => !semver.satisfies(node, range)).map((node) => `${name || "(root)"} needs node ${range}, not ${node}`);
    });
    expect(refusals).toEqual([]);
  });

  it("when the project's own engines are read, then they name both: Node 20 locally and Node 22 in Azure", () => {
    const range = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    expect(NODES.every((node) => semver.satisfies(node, range))).toBe(true);
    expect(semver.satisfies("18.20.0", range)).toBe(false);
  });
});
