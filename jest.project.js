const path = require("node:path");

const packages = path.join(__dirname, "packages");

/**
 * Settings every jest project of the workspace shares (the app's tests, each package's own, the benchmarks):
 * TypeScript through swc, and the modules that only exist at run time or after a build, taken from source.
 */
module.exports = function jestProject(rootDir, displayName) {
  return {
    displayName,
    rootDir,
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "/dist/"],
    transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] },
    moduleFileExtensions: ["ts", "js", "json"],
    moduleNameMapper: {
      // The Functions worker provides '@azure/functions-core' at run time; under jest the dev host provides it
      // (jest's module registry bypasses the Module.prototype.require hook the host installs at run time).
      "^@azure/functions-core$": path.join(packages, "functions-host/src/core/functionsCore.ts"),
      // The tooling packages from their TypeScript sources, so tests need no build of them (their package exports
      // are compiled JavaScript). A subpath tests import, `@interlink/<name>/<subpath>`, is packages/<name>/src/<subpath>.
      "^@interlink/([a-z-]+)$": path.join(packages, "$1/src/index.ts"),
      "^@interlink/([a-z-]+)/([a-z-]+)$": path.join(packages, "$1/src/$2"),
    },
  };
};
