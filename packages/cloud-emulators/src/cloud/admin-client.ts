import type { FaultRule, FaultRuleInput } from "../core/faults";
import type { JournalEntry, JournalFilter } from "../core/journal";
import type { EmulatorSettingsChange } from "./admin-api";
import type { Reachability } from "../fabric/reachability";
import type { Decision } from "../oci/iam/evaluate";
import type { OperationPermissions } from "../oci/iam/operations";
import type { CompartmentRecord, GroupRecord, MembershipRecord, PolicyRecord, TenancyRecord, UserRecord } from "../oci/identity/model";
import type { OciTenancyCredentials, OciTenancySpec, OciUserCredentials, OciUserSpec } from "../oci/identity/tenancy-seed";
import type { CloneResult } from "./clone";
import type { Orphan } from "./orphans";
import type { OutOfBandAction } from "./out-of-band";
import type { Snapshot } from "./snapshot";
import type { PairPaths } from "../fabric/vpn-paths";
import type { TunnelTransition } from "../fabric/vpn-state";
import type { VpnJournalFilter } from "../fabric/vpn-journal";
import type { TunnelView, Vnet2VnetView } from "./vpn-admin";

export interface ClockView {
  now: string;
  nowMs: number;
  timeScale: number;
  pendingEvents: number;
  nextEventAt: string | null;
}

export interface OciIdentityView {
  tenancies: TenancyRecord[];
  compartments: CompartmentRecord[];
  users: UserRecord[];
  groups: GroupRecord[];
  memberships: MembershipRecord[];
  policies: PolicyRecord[];
  apiKeys: { keyId: string; userId: string; tenancyId: string; fingerprint: string; lifecycleState: string }[];
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** Typed client for the `/__emulator/` admin API (either port serves it; this one uses the plain-HTTP OCI port). */
export class EmulatorAdminClient {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: "application/json" } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { "content-type": "application/json", accept: "application/json" };
    }
    const response = await fetch(`${this.baseUrl}/__emulator/${path}`, init);
    const json = (await response.json()) as unknown;
    if (!response.ok) {
      const message = (json as { error?: unknown }).error;
      throw new AdminApiError(response.status, typeof message === "string" ? message : `admin ${method} ${path} failed with ${response.status}`);
    }
    return json as T;
  }

  reset(): Promise<{ reset: true }> {
    return this.call("POST", "reset");
  }

  snapshot(): Promise<Snapshot> {
    return this.call("GET", "snapshot");
  }

  async journal(filter: JournalFilter = {}): Promise<JournalEntry[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    return (await this.call<{ entries: JournalEntry[] }>("GET", `journal?${query.toString()}`)).entries;
  }

  clearJournal(): Promise<unknown> {
    return this.call("DELETE", "journal");
  }

  clock(): Promise<ClockView> {
    return this.call("GET", "clock");
  }

  /** Moves emulated time forward by `ms` and applies everything that became due. */
  advanceClock(ms: number): Promise<ClockView> {
    return this.call("POST", "clock/advance", { ms });
  }

  async addFault(rule: FaultRuleInput): Promise<FaultRule> {
    const { rules } = await this.call<{ rules: FaultRule[] }>("POST", "faults", rule);
    const added = rules[0];
    if (!added) throw new AdminApiError(500, "no rule returned");
    return added;
  }

  async faults(): Promise<FaultRule[]> {
    return (await this.call<{ rules: FaultRule[] }>("GET", "faults")).rules;
  }

  clearFaults(): Promise<unknown> {
    return this.call("DELETE", "faults");
  }

  removeFault(id: string): Promise<unknown> {
    return this.call("DELETE", `faults/${encodeURIComponent(id)}`);
  }

  /**
   * Copies every resource carrying `template` (an interconnect's name) once per name, in one change: thousands of
   * interconnects for a benchmark without several requests each. Answers each copy's OCIDs by the template's.
   */
  cloneResources(template: string, names: string[]): Promise<CloneResult> {
    return this.call("POST", "clone", { template, names });
  }

  outOfBand(action: OutOfBandAction): Promise<{ applied: true }> {
    return this.call("POST", "oob", action);
  }

  /** Changes settings while the emulators run, e.g. `{ gatewayPublicIpRequired: ["eastus"] }`; answers the settings now in force. */
  settings(change: EmulatorSettingsChange = {}): Promise<{ gatewayPublicIpRequired: boolean | string[] }> {
    return this.call("POST", "settings", change);
  }

  async orphans(owners?: string[]): Promise<Orphan[]> {
    const query = owners ? `?owners=${encodeURIComponent(owners.join(","))}` : "";
    return (await this.call<{ orphans: Orphan[] }>("GET", `orphans${query}`)).orphans;
  }

  /** Trusts a public key for a user of an existing tenancy (created with that OCID when new), optionally adding it to groups. */
  registerOciKey(key: { tenancy: string; user: string; publicKeyPem: string; groups?: string[] }): Promise<{ keyId: string }> {
    return this.call("POST", "oci/keys", key);
  }

  /** Every VPN tunnel (OCI tunnel paired with Azure) and Vnet2Vnet pair, with its state and why it is down. */
  vpn(): Promise<{ tunnels: TunnelView[]; vnet2vnet: Vnet2VnetView[] }> {
    return this.call("GET", "vpn");
  }

  /** Tunnel-state transitions in order (`link`: a tunnel OCID, IPSec connection OCID, Azure connection id or link key). */
  async vpnJournal(filter: VpnJournalFilter = {}): Promise<TunnelTransition[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    return (await this.call<{ entries: TunnelTransition[] }>("GET", `vpn/journal?${query.toString()}`)).entries;
  }

  /** Which path (ExpressRoute or VPN) carries each VNet/VCN pair's traffic, both ways. */
  async paths(): Promise<PairPaths[]> {
    return (await this.call<{ pairs: PairPaths[] }>("GET", "paths")).pairs;
  }

  /** Every OCI identity object (API keys by fingerprint only). */
  ociIdentity(): Promise<OciIdentityView> {
    return this.call("GET", "oci/identity");
  }

  /** A tenancy with its administrator (`admin`, in Administrators), users, groups and compartments; returns their credentials. */
  createOciTenancy(spec: OciTenancySpec): Promise<OciTenancyCredentials> {
    return this.call("POST", "oci/tenancies", spec);
  }

  /** A user of a tenancy with a generated API key (or the given public key), in the named groups (created if missing). */
  createOciUser(spec: OciUserSpec & { tenancy: string }): Promise<OciUserCredentials> {
    return this.call("POST", "oci/users", spec);
  }

  /** A compartment path below the tenancy (or `parent`), optionally with a chosen OCID for the last one. */
  async createOciCompartment(spec: { tenancy: string; path: string; parent?: string; id?: string }): Promise<string> {
    return (await this.call<{ id: string }>("POST", "oci/compartments", spec)).id;
  }

  /** Subscribes a tenancy to a region at once (READY), without the SDK's IN_PROGRESS wait. */
  subscribeOciRegion(tenancy: string, region: string): Promise<unknown> {
    return this.call("POST", "oci/region-subscriptions", { tenancy, region });
  }

  /** The permissions each emulated OCI operation needs (the table in the README). */
  async ociOperations(): Promise<OperationPermissions[]> {
    return (await this.call<{ operations: OperationPermissions[] }>("GET", "oci/operations")).operations;
  }

  /** Whether a user's policies grant a permission in a compartment, and which statements do (or what is missing). */
  authorizeOci(query: { user: string; permission: string; compartmentId: string; operation?: string } | { user: string; associate: string; compartmentId: string; withCompartmentId: string; operation?: string }): Promise<Decision> {
    return this.call("POST", "oci/authorize", query);
  }

  /** Follows the route tables from the network holding `from` towards `to` (addresses or CIDR blocks). */
  reachability(from: string, to: string): Promise<Reachability> {
    return this.call("GET", `reachability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  }

  info(): Promise<Record<string, unknown>> {
    return this.call("GET", "info");
  }
}
