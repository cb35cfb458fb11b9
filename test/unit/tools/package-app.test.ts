// What `npm run package` would zip, on a made-up project laid out like this repository and on the repository itself.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deployment } from "../../../tools/package-app/deployment";

const repoRoot = path.resolve(__dirname, "../../..");

function write(root: string, file: string, content = "") {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

const json = (value: unknown) => JSON.stringify(value);

describe("npm run package", () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(path.join(os.tmpdir(), "package-app-"));
    copyFileSync(path.join(repoRoot, ".funcignore"), path.join(project, ".funcignore"));
    write(project, "package.json", json({ name: "app", version: "1.0.0", main: "dist/functions/index.js", workspaces: ["packages/tooling"], scripts: { test: "jest" }, dependencies: { a: "1.0.0" }, devDependencies: { dev: "1.0.0", "@interlink/tooling": "*" } }));
    write(project, "host.json", "{}");
    write(project, "local.settings.json", json({ Values: { SECRET: "x" } }));
    for (const file of ["functions/index.ts", "test/unit/a.test.ts", "bench/b.bench.ts", "tools/package-app/main.ts", "cli/main.ts"]) write(project, file);
    for (const file of ["functions/index.js", "shared/domain/cidr.js", "orchestrations/setup/orchestrator.js"]) write(project, `dist/${file}`, "module.exports = {};");
    for (const file of ["functions/index.js.map", "functions/index.d.ts", "tsconfig.tsbuildinfo", "cli/main.js", "test/unit/a.test.js", "bench/b.bench.js", "emulators/cloud/main.js", "tsbuildinfo/dev.tsbuildinfo"]) write(project, `dist/${file}`);
    write(project, "packages/tooling/package.json", json({ name: "@interlink/tooling", version: "0.1.0", dependencies: { dev: "1.0.0" } }));
    write(project, "packages/tooling/dist/src/index.js");
    write(project, "node_modules/a/package.json", json({ name: "a", version: "1.0.0", dependencies: { b: "^1.0.0", c: "2.0.0" } }));
    write(project, "node_modules/a/index.js");
    write(project, "node_modules/a/index.d.ts");
    write(project, "node_modules/a/index.js.map");
    write(project, "node_modules/a/node_modules/c/package.json", json({ name: "c", version: "2.0.0" }));
    write(project, "node_modules/b/package.json", json({ name: "b", version: "1.2.0" }));
    write(project, "node_modules/c/package.json", json({ name: "c", version: "1.0.0" })); // extraneous: nothing needs 1.0.0
    write(project, "node_modules/dev/package.json", json({ name: "dev", version: "1.0.0" }));
    write(project, "node_modules/.bin/dev");
    mkdirSync(path.join(project, "node_modules/@interlink"));
    symlinkSync("../../packages/tooling", path.join(project, "node_modules/@interlink/tooling"));
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("when a project is packaged, then the zip holds the compiled app, host.json, package.json and the production packages only", () => {
    const { files, packages } = deployment(project);
    expect(files.map((file) => file.path)).toEqual([
      "dist/functions/index.js",
      "dist/orchestrations/setup/orchestrator.js",
      "dist/shared/domain/cidr.js",
      "host.json",
      "node_modules/a/index.js",
      "node_modules/a/node_modules/c/package.json",
      "node_modules/a/package.json",
      "node_modules/b/package.json",
      "package.json",
    ]);
    expect(packages.sort()).toEqual(["node_modules/a", "node_modules/a/node_modules/c", "node_modules/b"]);
  });

  it("when a project is packaged, then its package.json keeps what the host and npm read and drops workspaces, scripts and devDependencies", () => {
    const manifest = deployment(project).files.find((file) => file.path === "package.json")?.source;
    expect(JSON.parse(String(manifest))).toEqual({ name: "app", version: "1.0.0", main: "dist/functions/index.js", dependencies: { a: "1.0.0" } });
  });

  describe("this repository", () => {
    const rootManifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    let paths: string[];
    let packages: string[];

    beforeAll(() => {
      const packaged = deployment(repoRoot);
      paths = packaged.files.map((file) => file.path);
      packages = packaged.packages;
    });

    it("when it is packaged, then the zip holds the built app and no source, test, bench, tool or tooling-package file", () => {
      expect(paths).toEqual(expect.arrayContaining(["host.json", "package.json", "dist/functions/index.js", "dist/console/index.html", "dist/console/app.js", "dist/console/app.css"])); // npm test builds first
      const outsideTheApp = paths.filter((file) => !/^(host\.json|package\.json|dist\/(functions|orchestrations|shared)\/.+\.js|dist\/console\/(index\.html|app\.js|app\.css)|node_modules\/.+)$/.test(file));
      expect(outsideTheApp).toEqual([]);
      expect(paths.filter((file) => /\.(ts|map|tsbuildinfo)$/.test(file) || file.startsWith("node_modules/@interlink/"))).toEqual([]);
    });

    it("when it is packaged, then every production dependency is in and no package only the tests, benches or tooling use", () => {
      for (const name of Object.keys(rootManifest.dependencies)) expect(paths).toContain(`node_modules/${name}/package.json`);
      // Every packaged package is a dependency of the app or of another packaged package.
      const required = new Set(Object.keys(rootManifest.dependencies));
      for (const dir of packages) {
        const manifest = JSON.parse(readFileSync(path.join(repoRoot, dir, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
        for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })) required.add(name);
      }
      expect(packages.map((dir) => dir.replace(/^.*node_modules\//, "")).filter((name) => !required.has(name))).toEqual([]);
      // http-signature left the app's own dependencies but stays in the zip: oci-common signs requests with it.
      const devOnly = [...Object.keys(rootManifest.devDependencies), "selfsigned", "azurite"].filter((name) => !required.has(name));
      expect(devOnly).toEqual(expect.arrayContaining(["jest", "typescript", "tsx", "selfsigned", "azurite", "@interlink/cloud-emulators"]));
      expect(paths.filter((file) => devOnly.some((name) => file.startsWith(`node_modules/${name}/`)))).toEqual([]);
    });
  });
});
