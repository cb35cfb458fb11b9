/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  // The Functions worker provides '@azure/functions-core' at run time; under jest the dev host provides it
  // (jest's module registry bypasses the Module.prototype.require hook the host installs at run time).
  moduleNameMapper: { "^@azure/functions-core$": "<rootDir>/emulators/functions-host/core/functionsCore.ts" },
};
