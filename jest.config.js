/** @type {import('jest').Config} The app's tests (test/) and each tooling package's own (packages/<name>/test/), in one run. */
const jestProject = require("./jest.project");

module.exports = {
  projects: [jestProject(__dirname, "app"), ...["functions-host", "cloud-emulators", "dev-stack"].map((name) => require(`./packages/${name}/jest.config.js`))],
};
