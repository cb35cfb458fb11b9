import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CloudEmulators, DEMO, type Durations, seedDemoNetworks, startCloudEmulators } from "@interlink/cloud-emulators";
import { type Clouds, createClouds } from "../../shared/clouds/clients";
import { type AzureNetworkPort } from "../../shared/clouds/ports";
import { parseSettings } from "../../shared/config/settings";
import { emulatorAppSettings } from "../support/app-settings";

export { DEMO };
export const MINUTE = 60_000;
export const VNET_ID = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${DEMO.vnet.name}`;

export interface Harness {
  emulators: CloudEmulators;
  clouds: Clouds;
  azure: ReturnType<Clouds["azure"]>;
  stop(): Promise<void>;
}

/**
 * The production composition root (settings -> SDK clients -> adapters) pointed at emulators on ephemeral
 * ports with a frozen clock; DESIGN.md's example networks are seeded. Tests move time with `advance`.
 */
export async function startHarness(settings: Record<string, string> = {}, durations: Partial<Durations> = {}): Promise<Harness> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-contract-"));
  const emulators = await startCloudEmulators({ azurePort: 0, ociPort: 0, timeScale: 0, stateDir, durations: { armAction: 0, ...durations } });
  await seedDemoNetworks(emulators);
  const clouds = await createClouds(
    parseSettings({ ...emulatorAppSettings(emulators, "UseDevelopmentStorage=true"), AZURE_MAX_REQUESTS_PER_SECOND: "1000", OCI_MAX_REQUESTS_PER_SECOND: "1000", ...settings }),
  );
  return {
    emulators,
    clouds,
    azure: clouds.azure(DEMO.subscriptionId),
    async stop() {
      await emulators.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export const advance = (harness: Harness, ms: number) => harness.emulators.admin.advanceClock(ms);

export const TAGS = { interlink: "contract-link" };

/** A circuit's service key, which the emulator has from the circuit's creation on. */
export async function serviceKeyOf(azure: AzureNetworkPort, resourceGroup: string, circuit: string): Promise<string> {
  const key = await azure.getServiceKey(resourceGroup, circuit);
  if (key === null) throw new Error(`the circuit ${circuit} has no service key`);
  return key;
}
