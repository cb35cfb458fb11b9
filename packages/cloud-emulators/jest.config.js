/** @type {import('jest').Config} This package's own tests; the root jest.config.js runs them with the rest. */
module.exports = require("../../jest.project")(__dirname, require("./package.json").name);
