/** `npm run record-histories`: records the orchestration histories the replay check uses (not part of npm test). */
const jestProject = require("./jest.project");

module.exports = { ...jestProject(__dirname, "record"), roots: ["<rootDir>/test/replay"], testMatch: ["**/*.record.ts"], testTimeout: 600_000 };
