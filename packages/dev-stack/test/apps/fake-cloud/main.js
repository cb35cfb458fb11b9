// Stand-in for the cloud emulators' process (@interlink/cloud-emulators/main) that honours the stack's contract:
// listen on AZURE_EMULATOR_PORT and OCI_EMULATOR_PORT, print one {"event":"ready",...} line, exit on SIGTERM/SIGINT.
const http = require("node:http");

const ports = [Number(process.env.AZURE_EMULATOR_PORT), Number(process.env.OCI_EMULATOR_PORT)];
const servers = ports.map((port) => http.createServer((_request, response) => response.end("fake cloud")).listen(port, "127.0.0.1"));
Promise.all(servers.map((server) => new Promise((resolve) => server.once("listening", resolve)))).then(() => {
  const ready = {
    event: "ready",
    azure: { endpoint: `https://127.0.0.1:${ports[0]}`, caFile: "/tmp/fake-cloud/ca.pem" },
    oci: { endpoint: `http://127.0.0.1:${ports[1]}`, configFile: "/tmp/fake-cloud/config", profile: "DEFAULT" },
  };
  console.log(JSON.stringify(ready));
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    servers.forEach((server) => server.close());
    process.exit(0);
  });
}
