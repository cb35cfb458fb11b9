// The app the stack test runs: one route to prove it is served, the settings the stack handed the host (cloud
// endpoints, storage, the example settings' fallback), and one setting it refuses to load with.
const { app } = require("@azure/functions");

// Like an app that checks its settings when it loads: a bad one stops the load with one line.
if (process.env.ECHO_GREETING !== undefined && !/^[a-z]+$/.test(process.env.ECHO_GREETING)) {
  throw new Error(`invalid setting ECHO_GREETING=${process.env.ECHO_GREETING}: must be lowercase letters`);
}

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
