import path from "node:path";
import { createTestHost, type TestHost } from "../../emulators/functions-host/testing";

let host: TestHost;
beforeAll(async () => {
  host = await createTestHost({ appRoot: path.join(__dirname, "apps/durable"), entry: "index.ts", verbose: true });
});
afterAll(() => host.dispose());

it("runs a sequence", async () => {
  const id = await host.startNew("sequence", { input: ["Tokyo", "Seattle"] });
  const status = await host.waitForCompletion(id);
  expect(status.output).toEqual(["Hello Tokyo", "Hello Seattle"]);
});
