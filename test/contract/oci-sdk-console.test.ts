import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CloudEmulators, startCloudEmulators } from "@interlink/cloud-emulators";
import { type Clouds, createClouds } from "../../shared/clouds/clients";
import { parseSettings } from "../../shared/config/settings";
import { emulatorAppSettings } from "../support/app-settings";

/**
 * oci-common's retrier console.warns every failed call ("Request cannot be retried...", "Request failed with
 * Exception... Retrying"), although the error is thrown to the adapter, which handles it. The app's OCI client
 * set-up keeps those lines off the console and lets every other warning through.
 */
describe("the OCI SDK's console output through the app's clients", () => {
  const printed: string[] = [];
  const originalWarn = console.warn;
  let stateDir: string;
  let emulators: CloudEmulators;
  let clouds: Clouds;

  beforeAll(async () => {
    // What reaches the console, recorded beneath whatever the app installs on top of it.
    console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-sdk-console-"));
    emulators = await startCloudEmulators({ azurePort: 0, ociPort: 0, timeScale: 0, stateDir });
    clouds = await createClouds(parseSettings({ ...emulatorAppSettings(emulators, "UseDevelopmentStorage=true"), OCI_MAX_REQUESTS_PER_SECOND: "1000" }));
  });
  afterAll(async () => {
    console.warn = originalWarn;
    await emulators?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("when an existence read finds nothing, even after a throttled attempt, then the console gets no SDK line, and other warnings still print", async () => {
    await emulators.admin.addFault({ match: { cloud: "oci" }, action: { type: "throttle" }, times: 1 });
    expect(await clouds.oci.getVcn("ocid1.vcn.oc1.iad.nosuchvcn")).toBeNull();
    expect(await clouds.oci.getDrg("ocid1.drg.oc1.iad.nosuchdrg")).toBeNull();
    expect((await emulators.admin.journal({ cloud: "oci" })).map((entry) => entry.status)).toEqual([429, 404, 404]);
    console.warn("a warning of our own");
    expect(printed).toEqual(["a warning of our own"]);
  });
});
