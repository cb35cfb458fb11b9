/** Benchmarks run under jest (same TypeScript transform and Functions-core mapping as the tests), not in npm test. */
const base = require("./jest.config.js");

module.exports = { ...base, roots: ["<rootDir>/bench"], testMatch: ["**/*.bench.ts"], testTimeout: 3_600_000 };
