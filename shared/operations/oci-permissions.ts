import { isNotFound } from "../clouds/errors";
import { retryToken } from "../clouds/idempotency";
import { type OciAccount, type OciAccountSource } from "../clouds/oci/accounts";
import { effectOf, grantedBy, type TenancyView } from "../domain/iam/evaluate";
import { type MissingStatements, type PermissionReport, type PlanProblem, type PolicyChange, type PolicyPlan } from "../domain/iam/permission-report";
import { type ActingGroup, type PlanIdentities, requiredPolicies, type RequiredPolicy } from "../domain/iam/requirements";
import { parseStatement } from "../domain/iam/statement";
import { type SetupRequest } from "../domain/setup-request";

/**
 * The permission preflight and the policy apply for one setup plan. Reads only, except `applyPolicies`. Each
 * tenancy is read and written with its own credentials (Interlink's own, or OCI_TENANCY_CREDENTIALS).
 */

/** What the IAM side of a plan depends on: the interconnect's name and its OCI side. */
export interface Plan {
  name: string;
  oci: Pick<SetupRequest["oci"], "region" | "compartmentId" | "vcnId" | "peeredVcns">;
  /** The connected VCN's compartment when the caller has just read the VCN; read otherwise. */
  vcnCompartmentId?: string | undefined;
}

const PRINCIPAL_UNCHECKED =
  "Interlink signs as an instance or resource principal (OCI_AUTH), whose policies name dynamic groups Identity cannot match to it: the policies were not checked or written; grant the dynamic group what POST /api/policies/plan lists for a user group";

interface Resolved {
  identities?: PlanIdentities;
  accounts: Map<string, OciAccount>;
  groups: string[];
  userId: string;
  problems: PlanProblem[];
}

/** Users in several groups: the first by name that is not Administrators (the narrower grant), else Administrators. */
function actingGroup(tenancyId: string, groups: Array<{ id: string; name: string }>): ActingGroup | undefined {
  const chosen = groups.find((group) => group.name !== "Administrators") ?? groups[0];
  return chosen ? { tenancyId, id: chosen.id, name: chosen.name } : undefined;
}

/** Reads a tenancy's policies once for whoever asks first; one Interlink may not read is `undefined`. */
type TenancyReader = () => Promise<TenancyView | undefined>;

function tenancyReader(account: OciAccount, tenancyId: string): TenancyReader {
  let view: Promise<TenancyView | undefined> | undefined;
  return () =>
    (view ??= account.identity.readTenancy(tenancyId).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    }));
}

async function groupOf(account: OciAccount, tenancy?: TenancyReader): Promise<{ group?: ActingGroup; names: string[]; userId: string }> {
  const who = account.identity.principal();
  if (!who) return { names: [], userId: "" };
  // The check reads the tenancy's groups anyway: they name the user's groups without a read per group.
  const groups = await account.identity.groupsOf(who.tenancyId, who.userId, tenancy ? async () => (await tenancy())?.groups : undefined);
  const group = actingGroup(who.tenancyId, groups);
  return { ...(group ? { group } : {}), names: groups.map((entry) => entry.name), userId: who.userId };
}

async function resolve(accounts: OciAccountSource, plan: Plan, ownTenancy?: TenancyReader): Promise<Resolved> {
  const own = await accounts.own();
  const problems: PlanProblem[] = [];
  const byTenancy = new Map<string, OciAccount>([[own.tenancyId, own]]);
  const mine = await groupOf(own, ownTenancy);
  if (!mine.group) {
    problems.push({ path: "oci", message: "Interlink's OCI identity is in no group, so no policy can grant it anything; add the user to a group (e.g. NetworkAdmins)" });
    return { accounts: byTenancy, groups: mine.names, userId: mine.userId, problems };
  }
  const vcnCompartmentId = plan.vcnCompartmentId ?? (await own.network().getVcn(plan.oci.vcnId))?.compartmentId;
  const peers: PlanIdentities["peers"] = [];
  const subscribed = plan.oci.peeredVcns.some((peer) => peer.kind === "remote") ? await own.identity.subscribedRegions(own.tenancyId) : [];
  for (const [index, peer] of plan.oci.peeredVcns.entries()) {
    if (peer.kind === undefined || peer.vcnId === undefined) continue;
    const at = (field: string) => `oci.peeredVcns[${index}].${field}`;
    const tenancyId = peer.tenancyId ?? own.tenancyId;
    const account = await accounts.forTenancy(tenancyId);
    if (!account) {
      problems.push({ path: at("tenancyId"), message: `Interlink has no credentials for tenancy ${tenancyId}: add its user's API key to the setting OCI_TENANCY_CREDENTIALS` });
      continue;
    }
    byTenancy.set(tenancyId, account);
    if (peer.kind === "remote" && !subscribed.includes(peer.region ?? "")) {
      problems.push({ path: at("region"), message: `tenancy ${own.tenancyId} is not subscribed to region ${peer.region ?? ""}: remote peering needs the requestor's tenancy subscribed to both regions` });
    }
    const peered = await account.network(peer.region).getVcn(peer.vcnId);
    if (!peered) {
      problems.push({ path: at("vcnId"), message: `VCN ${peer.vcnId} was not found${peer.region ? ` in ${peer.region}` : ""} with the credentials of tenancy ${tenancyId} (or they may not read it)` });
      continue;
    }
    const acceptor = tenancyId === own.tenancyId ? mine.group : (await groupOf(account)).group;
    if (!acceptor) {
      problems.push({ path: at("tenancyId"), message: `the user Interlink signs with in tenancy ${tenancyId} is in no group` });
      continue;
    }
    peers.push({ index, peer, compartmentId: peered.compartmentId, tenancyId, acceptor });
  }
  const identities: PlanIdentities = { interconnect: plan.name, requestor: mine.group, compartmentId: plan.oci.compartmentId, vcnCompartmentId: vcnCompartmentId ?? plan.oci.compartmentId, peers };
  return { identities, accounts: byTenancy, groups: mine.names, userId: mine.userId, problems };
}

/** Each involved tenancy's policies, read with its own credentials; one Interlink may not read is left out, with why. */
async function readViews(resolved: Resolved, policies: RequiredPolicy[], warnings: string[], read: ReadonlyMap<string, TenancyReader>): Promise<Map<string, TenancyView>> {
  const views = new Map<string, TenancyView>();
  for (const tenancyId of new Set(policies.map((policy) => policy.tenancyId))) {
    const account = resolved.accounts.get(tenancyId);
    if (!account) continue;
    const view = await (read.get(tenancyId) ?? tenancyReader(account, tenancyId))();
    if (view) views.set(tenancyId, view);
    else {
      warnings.push(
        `the policies of tenancy ${tenancyId} could not be read (its user needs 'inspect compartments', 'inspect groups' and 'inspect policies' in tenancy), so the statements that belong there were not checked`,
      );
    }
  }
  return views;
}

const groupLookup = (views: Map<string, TenancyView>) => (tenancyId: string, name: string) => views.get(tenancyId)?.groups.find((group) => group.name.toLowerCase() === name.toLowerCase())?.id;

/** Defines a missing statement refers to, so the lines shown can be pasted as they are. */
function withDefines(policy: RequiredPolicy, missing: string[]): string[] {
  const words = new Set(missing.flatMap((text) => text.toLowerCase().split(/\s+/)));
  const defines = policy.statements.filter((text) => {
    const parsed = parseStatement(text);
    return parsed.ok && parsed.statement.kind === "define" && words.has(parsed.statement.alias.toLowerCase());
  });
  return [...defines, ...missing];
}

function missingIn(policy: RequiredPolicy, views: Map<string, TenancyView>): { checked: number; missing: string[] } {
  let checked = 0;
  const missing: string[] = [];
  for (const text of policy.statements) {
    const effect = effectOf(text, policy, groupLookup(views));
    if (!effect) continue;
    const home = effect.kind === "admit" || effect.kind === "admit-associate" ? effect.tenancyId : effect.group.tenancyId;
    if (!views.has(home)) continue;
    checked += 1;
    if (grantedBy(effect, views) === undefined) missing.push(text);
  }
  return { checked, missing };
}

/** `POST /api/policies/check` and the setup's preflight: may Interlink do everything the plan needs? Reads only. */
export async function checkPermissions(accounts: OciAccountSource, plan: Plan): Promise<PermissionReport> {
  const own = await accounts.own();
  if (!own.identity.principal()) {
    // Instance and resource principals are dynamic groups: OCI Identity cannot say which ones hold this instance.
    return { allowed: true, checked: 0, missing: [], problems: [], warnings: [PRINCIPAL_UNCHECKED] };
  }
  const ownTenancy = tenancyReader(own, own.tenancyId);
  const resolved = await resolve(accounts, plan, ownTenancy);
  const identity = { tenancyId: own.tenancyId, userId: resolved.userId, groups: resolved.groups };
  if (!resolved.identities) return { allowed: false, identity, checked: 0, missing: [], problems: resolved.problems, warnings: [] };
  const policies = requiredPolicies(resolved.identities);
  const warnings: string[] = [];
  const views = await readViews(resolved, policies, warnings, new Map([[own.tenancyId, ownTenancy]]));
  let checked = 0;
  const missing: MissingStatements[] = [];
  for (const policy of policies) {
    const result = missingIn(policy, views);
    checked += result.checked;
    if (result.missing.length > 0) {
      missing.push({ tenancyId: policy.tenancyId, compartmentId: policy.compartmentId, policyName: policy.name, purpose: policy.purpose, statements: withDefines(policy, result.missing) });
    }
  }
  return { allowed: missing.length === 0 && resolved.problems.length === 0, identity, checked, missing, problems: resolved.problems, warnings };
}

async function changesFor(resolved: Resolved, policies: RequiredPolicy[]): Promise<Array<PolicyChange & { current?: { id: string; etag: string; statements: string[] } }>> {
  return Promise.all(
    policies.map(async (policy) => {
      const account = resolved.accounts.get(policy.tenancyId);
      const current = account ? await account.identity.findPolicy(policy.compartmentId, policy.name) : null;
      const have = new Set((current?.statements ?? []).map((text) => text.trim().replace(/\s+/g, " ").toLowerCase()));
      const add = policy.statements.filter((text) => !have.has(text.trim().replace(/\s+/g, " ").toLowerCase()));
      const base = { tenancyId: policy.tenancyId, compartmentId: policy.compartmentId, policyName: policy.name, purpose: policy.purpose, add, keep: current?.statements.length ?? 0 };
      if (!current) return { ...base, action: "create" as const };
      return { ...base, action: add.length === 0 ? ("unchanged" as const) : ("update" as const), current: { id: current.id, etag: current.etag, statements: [...current.statements] } };
    }),
  );
}

/**
 * `POST /api/policies/plan` (write false) and `/apply` (write true): each required policy is found by name where it
 * belongs, created when absent, completed with the statements it lacks otherwise. A statement already there stays,
 * whoever wrote it; nothing is ever removed.
 */
export async function planOrApplyPolicies(accounts: OciAccountSource, plan: Plan, write: { operationId: string } | undefined): Promise<PolicyPlan> {
  if (!(await accounts.own()).identity.principal()) return { applied: false, changes: [], problems: [{ path: "oci", message: PRINCIPAL_UNCHECKED }] };
  const resolved = await resolve(accounts, plan);
  if (!resolved.identities) return { applied: false, changes: [], problems: resolved.problems };
  const changes = await changesFor(resolved, requiredPolicies(resolved.identities));
  const policies = new Map(requiredPolicies(resolved.identities).map((policy) => [`${policy.tenancyId}/${policy.name}`, policy]));
  if (write && resolved.problems.length === 0) {
    for (const change of changes) {
      const account = resolved.accounts.get(change.tenancyId);
      const policy = policies.get(`${change.tenancyId}/${change.policyName}`);
      if (!account || !policy || change.action === "unchanged") continue;
      if (change.action === "create") {
        await account.identity.createPolicy({ compartmentId: policy.compartmentId, name: policy.name, description: policy.description, statements: policy.statements }, retryToken(write.operationId, `policy:${change.tenancyId}:${policy.name}`));
      } else if (change.current) {
        await account.identity.updatePolicy(change.current.id, [...change.current.statements, ...change.add], change.current.etag);
      }
    }
  }
  return { applied: write !== undefined && resolved.problems.length === 0, changes: changes.map(({ current: _current, ...change }) => change), problems: resolved.problems };
}
