import { readFileSync } from "node:fs";
import { NetworkManagementClient } from "@azure/arm-network";
import { type PipelinePolicy } from "@azure/core-rest-pipeline";
import { type AccessToken, DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import {
  type AuthenticationDetailsProvider,
  CircuitBreaker,
  ConfigFileAuthenticationDetailsProvider,
  FixedTimeDelayStrategy,
  InstancePrincipalsAuthenticationDetailsProviderBuilder,
  MaxAttemptsTerminationStrategy,
  Region,
  ResourcePrincipalAuthenticationDetailsProvider,
  SimpleAuthenticationDetailsProvider,
} from "oci-common";
import { VirtualNetworkClient } from "oci-core";
import { type Settings } from "../config/settings";
import { AzureNetwork } from "./azure/network";
import { retryAfterMsOf } from "./errors";
import { OciNetwork } from "./oci/network";
import { quietOciRetrier } from "./oci/quiet-retrier";
import { type AzureNetworkPort, type CloudPorts } from "./ports";
import { type CloudLimiters, RateLimiter } from "./rate-limit";

/** Keep the production token scope even against the emulator, so the bearer policy behaves as in Azure. */
export const ARM_SCOPE = "https://management.azure.com/.default";
const EMULATOR_ARM_ENDPOINT = "https://127.0.0.1:8443";
const LIVE_ARM_ENDPOINT = "https://management.azure.com";

export interface Clouds extends CloudPorts {
  limiters: CloudLimiters;
}

/** The ARM emulator only checks that a bearer token is present. */
function emulatorCredential(): TokenCredential {
  return { getToken: async (): Promise<AccessToken> => ({ token: "interlink-emulator", expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

/** Paces every ARM request (retries included) and pauses the cloud on a throttled answer. */
function rateLimitPolicy(limiter: RateLimiter): PipelinePolicy {
  return {
    name: "interlinkRateLimit",
    async sendRequest(request, next) {
      await limiter.acquire();
      const response = await next(request);
      if (response.status === 429) limiter.pause(retryAfterMsOf(response.headers) ?? 1000);
      return response;
    },
  };
}

function pem(value: string): string {
  return value.includes("-----BEGIN") ? value : readFileSync(value, "utf8");
}

export async function ociAuthentication(settings: Settings): Promise<AuthenticationDetailsProvider> {
  if (settings.OCI_AUTH === "instance_principal") return new InstancePrincipalsAuthenticationDetailsProviderBuilder().build();
  if (settings.OCI_AUTH === "resource_principal") return ResourcePrincipalAuthenticationDetailsProvider.builder();
  if (settings.OCI_TENANCY_OCID && settings.OCI_USER_OCID && settings.OCI_FINGERPRINT && settings.OCI_PRIVATE_KEY) {
    const region = Region.fromRegionId(settings.OCI_REGION ?? "us-ashburn-1");
    return new SimpleAuthenticationDetailsProvider(settings.OCI_TENANCY_OCID, settings.OCI_USER_OCID, settings.OCI_FINGERPRINT, pem(settings.OCI_PRIVATE_KEY), null, region);
  }
  return new ConfigFileAuthenticationDetailsProvider(settings.OCI_CONFIG_FILE, settings.OCI_PROFILE);
}

/** The ARM credential: the emulator's static token, or DefaultAzureCredential (the managed identity in Azure, `az login` locally). */
export function azureCredential(settings: Settings): TokenCredential {
  return settings.CLOUD_MODE === "emulator" ? emulatorCredential() : new DefaultAzureCredential();
}

/** Where ARM is: the setting, else the emulator's or Azure's public endpoint. */
export function armEndpoint(settings: Settings): string {
  return settings.AZURE_ARM_ENDPOINT ?? (settings.CLOUD_MODE === "emulator" ? EMULATOR_ARM_ENDPOINT : LIVE_ARM_ENDPOINT);
}

/** An ARM network client for one subscription, trusting the emulator's CA when one is configured. */
export function networkClient(settings: Settings, credential: TokenCredential, subscriptionId: string): NetworkManagementClient {
  const ca = settings.AZURE_ARM_CA_FILE ? readFileSync(settings.AZURE_ARM_CA_FILE, "utf8") : undefined;
  return new NetworkManagementClient(credential, subscriptionId, {
    endpoint: armEndpoint(settings),
    credentialScopes: [ARM_SCOPE],
    ...(ca ? { tlsOptions: { ca } } : {}),
    retryOptions: { maxRetries: 4, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  });
}

/** The OCI Core networking client: few, fast SDK retries and no circuit breaker (see createClouds). */
export async function ociClient(settings: Settings): Promise<VirtualNetworkClient> {
  quietOciRetrier();
  const client = new VirtualNetworkClient(
    { authenticationDetailsProvider: await ociAuthentication(settings) },
    {
      retryConfiguration: { terminationStrategy: new MaxAttemptsTerminationStrategy(2), delayStrategy: new FixedTimeDelayStrategy(0.2) },
      circuitBreaker: new CircuitBreaker({ disableClientCircuitBreaker: true }),
    },
  );
  if (settings.OCI_REGION && settings.CLOUD_MODE !== "emulator") client.regionId = settings.OCI_REGION;
  // The endpoint setter appends /20160918; set it last because region setters overwrite it.
  if (settings.OCI_ENDPOINT) client.endpoint = settings.OCI_ENDPOINT;
  else if (settings.CLOUD_MODE === "emulator") client.endpoint = "http://127.0.0.1:8444";
  return client;
}

/**
 * Builds the SDK clients once per process from settings; `CLOUD_MODE=emulator` only changes endpoints,
 * credentials and TLS trust. Retries are deliberately few and fast in the SDKs: Durable Functions owns
 * retrying (RetryOptions on every activity), so an SDK must not sit in its own long backoff. The OCI
 * circuit breaker is off for the same reason, and because one throttled tenancy would otherwise fail
 * unrelated activities in this process for 30 s.
 */
export async function createClouds(settings: Settings): Promise<Clouds> {
  const limiters: CloudLimiters = { azure: new RateLimiter(settings.AZURE_MAX_REQUESTS_PER_SECOND), oci: new RateLimiter(settings.OCI_MAX_REQUESTS_PER_SECOND) };
  const credential = azureCredential(settings);
  const azureClients = new Map<string, AzureNetworkPort>();

  return {
    limiters,
    oci: new OciNetwork(await ociClient(settings), limiters.oci),
    azure(subscriptionId: string): AzureNetworkPort {
      let port = azureClients.get(subscriptionId);
      if (!port) {
        const client = networkClient(settings, credential, subscriptionId);
        client.pipeline.addPolicy(rateLimitPolicy(limiters.azure), { phase: "Sign" });
        port = new AzureNetwork(client, subscriptionId);
        azureClients.set(subscriptionId, port);
      }
      return port;
    },
  };
}
