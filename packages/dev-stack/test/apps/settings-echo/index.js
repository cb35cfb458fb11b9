// The app the stack test runs: one route to prove it is served, and the settings the stack handed the host
// (cloud endpoints, storage, the example settings' fallback).
const { app } = require("@azure/functions");

app.http("items", {
  route: "items/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: (request) => ({ jsonBody: { id: request.params.id, q: request.query.get("q") } }),
});

app.http("stackSettings", {
  methods: ["GET"],
  authLevel: "anonymous",
  handler: () => ({
    jsonBody: Object.fromEntries(["AZURE_ARM_ENDPOINT", "AZURE_ARM_CA_FILE", "OCI_ENDPOINT", "OCI_CONFIG_FILE", "OCI_PROFILE", "AzureWebJobsStorage", "EXAMPLE_ONLY"].map((name) => [name, process.env[name] ?? null])),
  }),
});
