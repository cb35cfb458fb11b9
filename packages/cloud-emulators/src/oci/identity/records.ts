import { ocid, ociEtag } from "../../core/ids";
import type { World } from "../../core/world";
import { fingerprintOf, keyIdOf } from "../credentials";
import {
  ADMINISTRATORS,
  type ApiKeyRecord,
  type CompartmentRecord,
  type GroupRecord,
  type MembershipRecord,
  type PolicyRecord,
  TENANT_ADMIN_POLICY,
  type TenancyRecord,
  type UserRecord,
} from "./model";
import { identityOf } from "./store";

/** Creating identity records: shared by the Identity API handlers, the admin API and the seeds. Callers validate. */

type Tags = { freeformTags?: Record<string, string>; definedTags?: Record<string, Record<string, unknown>> };

function base(world: World, id: string, tenancyId: string, tags: Tags) {
  world.dirty = true;
  return {
    id,
    seq: world.nextSeq(),
    tenancyId,
    lifecycleState: "ACTIVE" as const,
    timeCreated: new Date(world.now).toISOString(),
    etag: ociEtag(),
    freeformTags: tags.freeformTags ?? {},
    definedTags: tags.definedTags ?? {},
  };
}

/** A tenancy with its Administrators group and the Tenant Admin Policy, subscribed to its home region (and `regions`). */
export function addTenancy(world: World, spec: { id?: string; name: string; homeRegion: string; regions?: string[] }): TenancyRecord {
  const id = spec.id ?? ocid("tenancy", "");
  const regions = [spec.homeRegion, ...(spec.regions ?? []).filter((region) => region !== spec.homeRegion)];
  const record: TenancyRecord = {
    id,
    name: spec.name,
    description: spec.name,
    homeRegion: spec.homeRegion,
    subscriptions: [...new Set(regions)].map((regionName) => ({ regionName, status: "READY" })),
    timeCreated: new Date(world.now).toISOString(),
    freeformTags: {},
    definedTags: {},
  };
  identityOf(world).tenancies[id] = record;
  addGroup(world, { tenancyId: id, name: ADMINISTRATORS, description: "Administrators of the tenancy" });
  addPolicy(world, { compartmentId: id, tenancyId: id, name: TENANT_ADMIN_POLICY.name, description: "Tenant Admin Policy", statements: [TENANT_ADMIN_POLICY.statement] });
  world.dirty = true;
  return record;
}

export function addCompartment(world: World, spec: { id?: string; parentId: string; tenancyId: string; name: string; description?: string } & Tags): CompartmentRecord {
  const record: CompartmentRecord = {
    ...base(world, spec.id ?? ocid("compartment", ""), spec.tenancyId, spec),
    kind: "compartment",
    compartmentId: spec.parentId,
    name: spec.name,
    description: spec.description ?? spec.name,
  };
  identityOf(world).compartments[record.id] = record;
  return record;
}

export function addUser(world: World, spec: { id?: string; tenancyId: string; name: string; description?: string; email?: string } & Tags): UserRecord {
  const record: UserRecord = { ...base(world, spec.id ?? ocid("user", ""), spec.tenancyId, spec), kind: "user", name: spec.name, description: spec.description ?? spec.name };
  if (spec.email !== undefined) record.email = spec.email;
  identityOf(world).users[record.id] = record;
  return record;
}

export function addGroup(world: World, spec: { tenancyId: string; name: string; description?: string } & Tags): GroupRecord {
  const record: GroupRecord = { ...base(world, ocid("group", ""), spec.tenancyId, spec), kind: "group", name: spec.name, description: spec.description ?? spec.name };
  identityOf(world).groups[record.id] = record;
  return record;
}

export function addMembership(world: World, user: UserRecord, group: GroupRecord): MembershipRecord {
  const record: MembershipRecord = { ...base(world, ocid("groupmembership", ""), user.tenancyId, {}), kind: "membership", userId: user.id, groupId: group.id };
  identityOf(world).memberships[record.id] = record;
  return record;
}

export function addApiKey(world: World, user: UserRecord, publicKeyPem: string): ApiKeyRecord {
  const fingerprint = fingerprintOf(publicKeyPem);
  const record: ApiKeyRecord = {
    keyId: keyIdOf({ tenancy: user.tenancyId, user: user.id, fingerprint }),
    userId: user.id,
    tenancyId: user.tenancyId,
    fingerprint,
    keyValue: publicKeyPem,
    lifecycleState: "ACTIVE",
    timeCreated: new Date(world.now).toISOString(),
  };
  identityOf(world).apiKeys[record.keyId] = record;
  world.dirty = true;
  return record;
}

export function addPolicy(world: World, spec: { compartmentId: string; tenancyId: string; name: string; description: string; statements: string[]; versionDate?: string | null } & Tags): PolicyRecord {
  const record: PolicyRecord = {
    ...base(world, ocid("policy", ""), spec.tenancyId, spec),
    kind: "policy",
    compartmentId: spec.compartmentId,
    name: spec.name,
    description: spec.description,
    statements: spec.statements,
    versionDate: spec.versionDate ?? null,
  };
  identityOf(world).policies[record.id] = record;
  return record;
}
