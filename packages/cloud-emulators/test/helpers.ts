import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { azureNetworkClient, ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import { startCloudEmulators, type CloudEmulatorOptions, type CloudEmulators } from "../src/cloud/start";

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const RG = "rg-net";
export const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaatestcompartment";
export const MINUTE = 60_000;

export interface Harness {
  emulators: CloudEmulators;
  azure: ReturnType<typeof azureNetworkClient>;
  oci: ReturnType<typeof ociVirtualNetworkClient>;
  stateDir: string;
  stop(): Promise<void>;
}

/** Both emulators on ephemeral ports with a frozen clock (tests move time with admin.advanceClock). */
export async function startHarness(options: CloudEmulatorOptions = {}): Promise<Harness> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "interlink-emulators-"));
  // COMPARTMENT is a compartment of the default tenancy (made again after every admin reset).
  const emulators = await startCloudEmulators({ azurePort: 0, ociPort: 0, timeScale: 0, stateDir, ociCompartments: [{ path: "test", id: COMPARTMENT }], ...options });
  return {
    emulators,
    azure: azureNetworkClient(emulators.azure, SUBSCRIPTION),
    oci: ociVirtualNetworkClient(emulators.oci),
    stateDir,
    async stop() {
      await emulators.stop();
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Takes an ARM LRO whose initial request was sent (a `begin*` call resolves once it is answered), moves emulated
 * time past its duration, then lets the SDK poll to the end.
 */
export async function finish<T>(started: Promise<{ pollUntilDone(): Promise<T> }>, harness: Harness, advanceMs: number): Promise<T> {
  const poller = await started;
  await harness.emulators.admin.advanceClock(advanceMs);
  return poller.pollUntilDone();
}

export function armId(type: string, name: string): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/${type}/${name}`;
}
