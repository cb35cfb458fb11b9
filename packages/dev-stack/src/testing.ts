// For tests that run the stack: an environment that keeps it off every default port and in its own state directory.
import { freePort } from "@interlink/functions-host/testing";

/** Ports the stack may pick itself are 0; the emulators' are picked here (their ready line names them). */
export async function isolatedStackEnv(stateDir: string, settings: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv & { AZURE_EMULATOR_PORT: string; OCI_EMULATOR_PORT: string }> {
  return {
    ...process.env,
    FUNCTIONS_PORT: "0",
    AZURITE_BLOB_PORT: "0",
    AZURITE_QUEUE_PORT: "0",
    AZURITE_TABLE_PORT: "0",
    AZURE_EMULATOR_PORT: String(await freePort()),
    OCI_EMULATOR_PORT: String(await freePort()),
    INTERLINK_STATE_DIR: stateDir,
    ...settings,
  };
}
