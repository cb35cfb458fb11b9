/** Benchmarks run under jest (same TypeScript transform and module mapping as the tests), not in npm test. */
const jestProject = require("./jest.project");

module.exports = { ...jestProject(__dirname, "bench"), roots: ["<rootDir>/bench"], testMatch: ["**/*.bench.ts"], testTimeout: 3_600_000 };
