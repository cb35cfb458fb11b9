import path from "node:path";
import { createTestHost, type TestHost } from "@interlink/functions-host/testing";
import { startAzurite, type TestAzurite } from "./azurite";

/** The app on a dev host that enforces function keys, over a real Azurite (no clouds: only routes that need none are called). */
export interface KeyedHost {
  host: TestHost;
  key: string;
  /** The Azurite the app stores in. */
  connectionString: string;
  /** Status of a request sent without a key, or with the host key. */
  status(method: string, route: string, options?: { key?: boolean; json?: unknown }): Promise<number>;
  stop(): Promise<void>;
}

export async function startKeyedHost(settings: Record<string, string> = {}): Promise<KeyedHost> {
  const azurite: TestAzurite = await startAzurite();
  const host = await createTestHost({
    appRoot: path.resolve(__dirname, "../.."),
    entry: "functions/index.ts",
    keysEnforced: true,
    triggers: false,
    settings: { CLOUD_MODE: "emulator", AzureWebJobsStorage: azurite.connectionString, ...settings },
  });
  const key = host.host.keys.all.hostKeys.default ?? "";
  return {
    host,
    key,
    connectionString: azurite.connectionString,
    async status(method, route, options = {}) {
      const response = await host.http.request(method, route, { ...(options.json === undefined ? {} : { json: options.json }), headers: options.key ? { "x-functions-key": key } : {} });
      return response.status;
    },
    async stop() {
      await host.dispose();
      await azurite.stop();
    },
  };
}
