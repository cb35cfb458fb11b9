// Azurite for tests: queue + table + blob on free loopback ports, in memory (or under a temp dir), one instance per
// caller so test files running in parallel never share storage. Always call stop() (afterAll).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Azurite, startAzurite as startAzuriteProcess } from "@interlink/functions-host";

export interface TestAzurite {
  /** Explicit connection string (devstoreaccount1 on this instance's ports). */
  connectionString: string;
  ports: { blob: number; queue: number; table: number };
  stop(): Promise<void>;
}

export async function startAzurite(options: { persistent?: boolean } = {}): Promise<TestAzurite> {
  const location = options.persistent ? mkdtempSync(path.join(os.tmpdir(), "azurite-")) : undefined;
  let azurite: Azurite;
  try {
    azurite = await startAzuriteProcess({ location });
  } catch (error) {
    if (location) rmSync(location, { recursive: true, force: true });
    throw error;
  }
  return {
    connectionString: azurite.connectionString,
    ports: azurite.ports,
    async stop() {
      await azurite.stop();
      if (location) rmSync(location, { recursive: true, force: true });
    },
  };
}
