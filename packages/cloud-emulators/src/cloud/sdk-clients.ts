import { NetworkManagementClient } from "@azure/arm-network";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { CircuitBreaker, FixedTimeDelayStrategy, MaxAttemptsTerminationStrategy, Region, SimpleAuthenticationDetailsProvider } from "oci-common";
import { VirtualNetworkClient } from "oci-core";
import { IdentityClient } from "oci-identity";

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
  /** The region to call (its `/<region>` endpoint); default: the emulator's default region. */
  region?: string;
}

/** Who signs: a user of a tenancy with one of its API keys (the emulator's own, or a seeded user's). */
export interface OciSigner {
  tenancy: string;
  user: string;
  fingerprint: string;
  privateKeyPem?: string;
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
 * The endpoint for a region: `<emulator>/<region>`. Requests without the prefix go to the emulator's default
 * region. Set it as `client.endpoint` after construction (the SDK appends `/20160918`).
 */
export function ociRegionEndpoint(endpoint: string, region?: string): string {
  return region ? `${endpoint}/${region}` : endpoint;
}

/** An SDK auth provider signing as `signer` (API key), for `region` (default us-ashburn-1). */
export function ociAuthProvider(signer: OciSigner, region = "us-ashburn-1"): SimpleAuthenticationDetailsProvider {
  if (!signer.privateKeyPem) throw new Error(`no private key for user ${signer.user}: it was registered with a public key only`);
  return new SimpleAuthenticationDetailsProvider(signer.tenancy, signer.user, signer.fingerprint, signer.privateKeyPem, null, Region.fromRegionId(region));
}

function signerWith(oci: OciSigner, options: OciClientOptions): OciSigner {
  const privateKeyPem = options.privateKeyPem ?? oci.privateKeyPem;
  return { tenancy: oci.tenancy, user: options.user ?? oci.user, fingerprint: options.fingerprint ?? oci.fingerprint, ...(privateKeyPem ? { privateKeyPem } : {}) };
}

function clientConfiguration(options: OciClientOptions) {
  dropRetrierWarnings();
  return {
    retryConfiguration: {
      terminationStrategy: new MaxAttemptsTerminationStrategy(options.maxAttempts ?? 3),
      delayStrategy: new FixedTimeDelayStrategy(options.delaySeconds ?? 0.01),
    },
    circuitBreaker: new CircuitBreaker({ disableClientCircuitBreaker: true }),
  };
}

/**
 * `VirtualNetworkClient` pointed at the OCI emulator: API-key signing (the emulator's key unless another signer
 * is given), fast fixed-delay retries, circuit breaker off. The endpoint is set after construction (the setter
 * adds `/20160918`); `options.region` picks the region's endpoint.
 */
export function ociVirtualNetworkClient(oci: { endpoint: string } & OciSigner, options: OciClientOptions = {}): VirtualNetworkClient {
  const client = new VirtualNetworkClient({ authenticationDetailsProvider: ociAuthProvider(signerWith(oci, options), options.region) }, clientConfiguration(options));
  client.endpoint = ociRegionEndpoint(oci.endpoint, options.region);
  return client;
}

/** `IdentityClient` (oci-identity) pointed at the OCI emulator, like `ociVirtualNetworkClient`. */
export function ociIdentityClient(oci: { endpoint: string } & OciSigner, options: OciClientOptions = {}): IdentityClient {
  const client = new IdentityClient({ authenticationDetailsProvider: ociAuthProvider(signerWith(oci, options), options.region) }, clientConfiguration(options));
  client.endpoint = ociRegionEndpoint(oci.endpoint, options.region);
  return client;
}
