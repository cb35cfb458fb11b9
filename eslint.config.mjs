// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Orchestrators are replayed from history, so anything that differs between replays
 * (clock, randomness, environment, I/O, timers) corrupts them. These rules make that a lint error.
 */
const nondeterministicGlobals = [
  { name: "setTimeout", message: "Use context.df.createTimer: orchestrators are replayed." },
  { name: "setInterval", message: "Use a durable-timer loop: orchestrators are replayed." },
  { name: "setImmediate", message: "Orchestrators must not schedule their own work." },
  { name: "queueMicrotask", message: "Orchestrators must not schedule their own work." },
  { name: "fetch", message: "I/O belongs in an activity." },
  { name: "process", message: "Settings and environment belong in activities or the starter." },
  { name: "crypto", message: "Use context.df.newGuid for ids." },
  { name: "performance", message: "Use context.df.currentUtcDateTime for time." },
  { name: "require", message: "Import contracts statically." },
];

/**
 * Which part of the repository may import which (CONTRIBUTING.md, "Dependency rules"). ESLint keeps one
 * no-restricted-imports entry per file, so each narrower area repeats the rules of the area around it.
 */
const noTooling = {
  group: ["@interlink/*", "**/packages/**"],
  message: "The app never imports the offline tooling (packages/): it is not deployed. Tests and benchmarks may use both.",
};
const noApp = {
  regex: "^(\\.\\./)+(functions|orchestrations|shared|cli)(/|$)|^interlink(/|$)",
  message: "The offline tooling never imports the app: keep what an emulator or the dev host checks in the package itself.",
};
const cloudSdks = ["@azure/arm-*", "@azure/identity", "@azure/data-tables", "@azure/storage-*", "@azure/core-*", "oci-*", "axios", "undici"];
const domainPatterns = [
  noTooling,
  { group: [...cloudSdks, "@azure/functions", "durable-functions"], message: "shared/domain is pure: no SDK, no Functions runtime. Adapters live in shared/clouds, activities in functions/." },
  { group: ["**/clouds", "**/clouds/**", "**/inventory/**", "**/config/**", "**/operations/**", "**/functions/**", "**/orchestrations/**"], message: "shared/domain imports only shared/domain: never adapters, activities or orchestrations." },
];
const orchestrationPatterns = [
  noTooling,
  { group: ["node:*", "fs", "fs/*", "http", "https", "net", "os", "path", "child_process", "crypto", "dns", "tls", "worker_threads", "timers", "timers/*"], message: "Node built-ins do I/O or are non-deterministic; use an activity." },
  { group: cloudSdks, message: "Cloud SDKs and I/O clients belong in activities (functions/activities) behind shared/clouds ports." },
  { group: ["**/functions/**", "**/shared/clouds/**", "**/shared/inventory/**", "**/shared/config/**"], message: "Orchestrations import contracts and shared/domain only, never activity or adapter code." },
];

export default tseslint.config(
  { ignores: ["**/dist/**", "node_modules/**", "coverage/**", ".interlink/**", "bin/**", "test/fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["tools/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: { URL: "readonly", console: "readonly", process: "readonly" } },
  },
  { files: ["functions/**/*.ts", "orchestrations/**/*.ts", "shared/**/*.ts", "cli/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [noTooling] }] } },
  {
    // One clock for every time a user sees: the host's (scaled or virtual offline), through shared/config/clock.ts.
    files: ["functions/**/*.ts", "shared/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Times a user sees come from currentTime() (shared/config/clock.ts): the host's clock, not the wall clock." },
        { selector: "CallExpression[callee.name='Date']", message: "Times a user sees come from currentTime() (shared/config/clock.ts): the host's clock, not the wall clock." },
      ],
    },
  },
  { files: ["shared/domain/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: domainPatterns }] } },
  { files: ["packages/**/*.ts", "packages/**/*.js"], rules: { "no-restricted-imports": ["error", { patterns: [noApp] }] } },
  {
    files: ["orchestrations/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...nondeterministicGlobals],
      "no-restricted-imports": ["error", { patterns: orchestrationPatterns }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Use context.df.currentUtcDateTime." },
        { object: "Math", property: "random", message: "Randomness breaks replay; derive ids with context.df.newGuid." },
        { object: "globalThis", message: "Orchestrators must not reach for globals." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the clock; use context.df.currentUtcDateTime." },
        { selector: "CallExpression[callee.name='Date']", message: "Date() reads the clock; use context.df.currentUtcDateTime." },
        { selector: "AwaitExpression", message: "Orchestrators are synchronous generators: yield tasks, never await." },
        { selector: "FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true]", message: "Orchestrators are synchronous generators, never async." },
        { selector: "ImportExpression", message: "Dynamic import is I/O." },
        {
          selector: "Property[key.name='retryTimeoutInMilliseconds'], MemberExpression[property.name='retryTimeoutInMilliseconds']",
          message: "When retryTimeoutInMilliseconds runs out, Azure neither retries nor fails the task: the instance hangs (azure-functions-durable-js#629). Bound retries with maxNumberOfAttempts.",
        },
      ],
    },
  },
);
