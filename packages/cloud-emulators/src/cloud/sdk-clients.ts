import { NetworkManagementClient } from "@azure/arm-network";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { CircuitBreaker, FixedTimeDelayStrategy, MaxAttemptsTerminationStrategy, Region, SimpleAuthenticationDetailsProvider } from "oci-common";
import { VirtualNetworkClient } from "oci-core";

/** Production token scope, kept so the bearer policy behaves as against management.azure.com. */
export const ARM_SCOPE = "https://management.azure.com/.default";

/** A TokenCredential that always returns the same bearer token (the ARM emulator only checks it is present). */
export function staticTokenCredential(token = "emulator-token"): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}

export interface AzureClientOptions {
  credential?: TokenCredential;
  /** Retries of the Azure pipeline; defaults are fast (20 ms base) for tests. */
  maxRetries?: number;
  retryDelayInMs?: number;
}

/** `NetworkManagementClient` (@azure/arm-network 36) pointed at the ARM emulator, trusting its CA. */
export function azureNetworkClient(azure: { endpoint: string; ca: string }, subscriptionId: string, options: AzureClientOptions = {}): NetworkManagementClient {
  return new NetworkManagementClient(options.credential ?? staticTokenCredential(), subscriptionId, {
    endpoint: azure.endpoint,
    credentialScopes: [ARM_SCOPE],
    tlsOptions: { ca: azure.ca },
    retryOptions: { maxRetries: options.maxRetries ?? 3, retryDelayInMs: options.retryDelayInMs ?? 20, maxRetryDelayInMs: 200 },
  });
}

export interface OciClientOptions {
  /** Attempts per call including the first (the SDK default for some operations is 8). */
  maxAttempts?: number;
  /** Delay between attempts in seconds (fractions allowed). */
  delaySeconds?: number;
  /** Override the signing key (e.g. to test rejection). */
  privateKeyPem?: string;
  fingerprint?: string;
  user?: string;
}

/**
 * oci-common's retrier console.warns every failed call (its LOG.logger hook does not carry these lines) although
 * it also throws the error; tests provoke errors on purpose, so the lines would bury their output. The app drops
 * them the same way in its own client set-up (this package does not import the app).
 */
const retrierWarningsDropped = Symbol.for("interlink-emulators.oci-retrier-console");
function dropRetrierWarnings(): void {
  const retrierLine = /^(Request cannot be retried\. Not Retrying\.|Request failed with Exception :|All retry attempts have exhausted\.)/;
  const marked = console as Console & { [retrierWarningsDropped]?: true };
  if (marked[retrierWarningsDropped]) return;
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => void (typeof args[0] === "string" && retrierLine.test(args[0]) ? undefined : warn(...args));
  marked[retrierWarningsDropped] = true;
}

/**
 * `VirtualNetworkClient` pointed at the OCI emulator: API-key signing with the emulator's key, fast
 * fixed-delay retries, circuit breaker off. The endpoint is set after construction (the setter adds `/20160918`).
 */
export function ociVirtualNetworkClient(
  oci: { endpoint: string; tenancy: string; user: string; fingerprint: string; privateKeyPem: string },
  options: OciClientOptions = {},
): VirtualNetworkClient {
  dropRetrierWarnings();
  const provider = new SimpleAuthenticationDetailsProvider(
    oci.tenancy,
    options.user ?? oci.user,
    options.fingerprint ?? oci.fingerprint,
    options.privateKeyPem ?? oci.privateKeyPem,
    null,
    Region.US_ASHBURN_1,
  );
  const client = new VirtualNetworkClient(
    { authenticationDetailsProvider: provider },
    {
      retryConfiguration: {
        terminationStrategy: new MaxAttemptsTerminationStrategy(options.maxAttempts ?? 3),
        delayStrategy: new FixedTimeDelayStrategy(options.delaySeconds ?? 0.01),
      },
      circuitBreaker: new CircuitBreaker({ disableClientCircuitBreaker: true }),
    },
  );
  client.endpoint = oci.endpoint;
  return client;
}
