import { readFileSync } from "node:fs";
import { type AuthenticationDetailsProvider, CircuitBreaker, FixedTimeDelayStrategy, MaxAttemptsTerminationStrategy, Region, SimpleAuthenticationDetailsProvider } from "oci-common";
import { VirtualNetworkClient } from "oci-core";
import { IdentityClient } from "oci-identity";
import { type Settings } from "../../config/settings";
import { type TenancyCredential, TenancyCredentials, tenancyCredentialsProblem } from "../../config/tenancy-credentials";
import { ociAuthentication } from "../clients";
import { type RateLimiter } from "../rate-limit";
import { OciIdentity, type OciIdentityPort } from "./identity";
import { OciPeering } from "./peering";
import { quietOciRetrier } from "./quiet-retrier";

const EMULATOR_OCI_ENDPOINT = "http://127.0.0.1:8444";

const pem = (value: string) => (value.includes("-----BEGIN") ? value : readFileSync(value, "utf8"));

/** Parses OCI_TENANCY_CREDENTIALS (JSON text or a file path); a problem names the entry and field, never a value. */
export function parseTenancyCredentials(value: string | undefined): TenancyCredential[] {
  if (!value) return [];
  const text = value.trim().startsWith("[") ? value : readFileSync(value, "utf8");
  const problem = tenancyCredentialsProblem(text.trim().startsWith("[") ? text : "[not an array]");
  if (problem) throw new Error(`invalid setting OCI_TENANCY_CREDENTIALS: ${problem}`);
  return TenancyCredentials.parse(JSON.parse(text));
}

/** Interlink's access to one OCI tenancy: its Identity and its networks per region. */
export interface OciAccount {
  tenancyId: string;
  identity: OciIdentityPort;
  /** The network port for a region (undefined: the interconnect's default region). */
  network(region?: string): OciPeering;
}

function configure<C extends VirtualNetworkClient | IdentityClient>(client: C, settings: Settings, region: string | undefined): C {
  if (settings.CLOUD_MODE === "emulator") {
    const base = settings.OCI_ENDPOINT ?? EMULATOR_OCI_ENDPOINT;
    // The endpoint setter appends /20160918; the emulator reads the region from a path prefix.
    client.endpoint = region ? `${base}/${region}` : base;
    return client;
  }
  if (region) client.regionId = region;
  else if (settings.OCI_REGION) client.regionId = settings.OCI_REGION;
  if (settings.OCI_ENDPOINT && !region) client.endpoint = settings.OCI_ENDPOINT;
  return client;
}

const clientOptions = {
  retryConfiguration: { terminationStrategy: new MaxAttemptsTerminationStrategy(2), delayStrategy: new FixedTimeDelayStrategy(0.2) },
  circuitBreaker: new CircuitBreaker({ disableClientCircuitBreaker: true }),
};

function principalOf(provider: AuthenticationDetailsProvider): { tenancyId: string; userId: string } | undefined {
  const candidate = provider as Partial<{ getTenantId(): string; getUser(): string }>;
  try {
    const tenancyId = candidate.getTenantId?.();
    const userId = candidate.getUser?.();
    return tenancyId && userId ? { tenancyId, userId } : undefined;
  } catch {
    return undefined;
  }
}

function account(settings: Settings, provider: AuthenticationDetailsProvider, limiter: RateLimiter, homeRegion: string | undefined): OciAccount {
  quietOciRetrier();
  const who = principalOf(provider);
  const networks = new Map<string, OciPeering>();
  const identity = new OciIdentity(configure(new IdentityClient({ authenticationDetailsProvider: provider }, clientOptions), settings, homeRegion), limiter, who);
  return {
    tenancyId: who?.tenancyId ?? "",
    identity,
    network(region) {
      const key = region === settings.OCI_REGION && settings.CLOUD_MODE !== "emulator" ? "" : (region ?? "");
      let port = networks.get(key);
      if (!port) {
        port = new OciPeering(configure(new VirtualNetworkClient({ authenticationDetailsProvider: provider }, clientOptions), settings, key || undefined), limiter);
        networks.set(key, port);
      }
      return port;
    },
  };
}

/** Where Interlink's OCI accounts come from (OciAccounts; fakes in unit tests). */
export interface OciAccountSource {
  own(): Promise<OciAccount>;
  forTenancy(tenancyId: string | undefined): Promise<OciAccount | undefined>;
}

/**
 * Interlink's own OCI identity (the usual settings) and the other tenancies it was given keys for. Built once per
 * process; clients per region are made on first use.
 */
export class OciAccounts implements OciAccountSource {
  private ownAccount: Promise<OciAccount> | undefined;
  private readonly others = new Map<string, OciAccount>();
  private readonly credentials: TenancyCredential[];

  constructor(
    private readonly settings: Settings,
    private readonly limiter: RateLimiter,
  ) {
    this.credentials = parseTenancyCredentials(settings.OCI_TENANCY_CREDENTIALS);
  }

  own(): Promise<OciAccount> {
    this.ownAccount ??= ociAuthentication(this.settings).then((provider) => account(this.settings, provider, this.limiter, this.settings.OCI_REGION));
    return this.ownAccount;
  }

  /** The account of a tenancy: Interlink's own, one given in OCI_TENANCY_CREDENTIALS, or undefined. */
  async forTenancy(tenancyId: string | undefined): Promise<OciAccount | undefined> {
    const own = await this.own();
    if (tenancyId === undefined || tenancyId === own.tenancyId) return own;
    const known = this.others.get(tenancyId);
    if (known) return known;
    const credential = this.credentials.find((entry) => entry.tenancy === tenancyId);
    if (!credential) return undefined;
    const region = credential.homeRegion ?? this.settings.OCI_REGION ?? "us-ashburn-1";
    const provider = new SimpleAuthenticationDetailsProvider(credential.tenancy, credential.user, credential.fingerprint, pem(credential.privateKey), null, Region.fromRegionId(region));
    const created = account(this.settings, provider, this.limiter, credential.homeRegion);
    this.others.set(tenancyId, created);
    return created;
  }

  /** The tenancies Interlink holds keys for (never the keys). */
  knownTenancies(): string[] {
    return this.credentials.map((entry) => entry.tenancy);
  }
}
