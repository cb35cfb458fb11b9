import { generateKeyPairSync } from "node:crypto";
import { z } from "zod";
import type { World } from "../../core/world";
import { isKnownRegion } from "../regions";
import { ADMINISTRATORS, type TenancyRecord, type UserRecord } from "./model";
import { addApiKey, addCompartment, addGroup, addMembership, addTenancy, addUser } from "./records";
import { compartmentByPath, groupByName, identityOf, tenancy as tenancyRecord, userRecord } from "./store";

/**
 * Tenancies, users and compartments made for tests and demos (start options, admin API, demo seed), each user
 * with a generated API key whose private half is handed back so a test can sign as that user.
 */

const Region = z.string().refine(isKnownRegion, "is not a region the emulator serves");
const Name = z.string().min(1).max(100).regex(/^[A-Za-z0-9._+@-]+$/, "may contain letters, digits and . _ + @ - only");

export const OciUserSpec = z.object({
  name: Name,
  /** Group names in the user's tenancy; missing groups are created. */
  groups: z.array(Name).default([]),
  /** Trust this key instead of generating one (no private key is returned then). */
  publicKeyPem: z.string().includes("PUBLIC KEY").optional(),
});
export type OciUserSpec = z.input<typeof OciUserSpec>;

export const OciTenancySpec = z.object({
  name: Name,
  /** Default: the emulator's default region. */
  homeRegion: Region.optional(),
  /** More regions the tenancy is subscribed to (READY). */
  regions: z.array(Region).default([]),
  /** Compartment paths below the root (`network`, `network:prod`), created with their parents. */
  compartments: z.array(z.string().min(1).regex(/^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*$/, "must be a name or a:b path")).default([]),
  /** Users besides the tenancy's administrator (`admin`, in Administrators). */
  users: z.array(OciUserSpec).default([]),
});
export type OciTenancySpec = z.input<typeof OciTenancySpec>;

export interface OciUserCredentials {
  tenancy: string;
  user: string;
  userName: string;
  fingerprint: string;
  keyId: string;
  /** Absent when the caller supplied the public key. */
  privateKeyPem?: string;
}

export interface OciTenancyCredentials {
  tenancy: string;
  name: string;
  homeRegion: string;
  regions: string[];
  /** The tenancy's administrator (member of Administrators). */
  admin: OciUserCredentials & { privateKeyPem: string };
  /** Compartment path -> OCID. */
  compartments: Record<string, string>;
  /** Group name -> OCID. */
  groups: Record<string, string>;
  /** User name -> credentials (the administrator included, as `admin`). */
  users: Record<string, OciUserCredentials>;
}

function generatedKey(): { publicKeyPem: string; privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

export class IdentitySeedError extends Error {}

function ensureGroup(world: World, tenancyId: string, name: string) {
  return groupByName(world, tenancyId, name) ?? addGroup(world, { tenancyId, name });
}

/** Creates (or finds) a user with a key and adds it to groups; returns its credentials. */
export function seedUser(world: World, tenancyId: string, input: OciUserSpec): OciUserCredentials {
  const spec = OciUserSpec.parse(input);
  if (!tenancyRecord(world, tenancyId)) throw new IdentitySeedError(`no tenancy ${tenancyId}`);
  const existing = Object.values(identityOf(world).users).find((user) => user.tenancyId === tenancyId && user.name === spec.name);
  const user = existing ?? addUser(world, { tenancyId, name: spec.name });
  joinGroups(world, user, spec.groups);
  return credentialsFor(world, user, spec.publicKeyPem);
}

/** Makes the user a member of the named groups of its tenancy, creating missing groups. */
export function joinGroups(world: World, user: UserRecord, groups: readonly string[]): void {
  for (const name of groups) {
    const group = ensureGroup(world, user.tenancyId, name);
    const member = Object.values(identityOf(world).memberships).some((membership) => membership.userId === user.id && membership.groupId === group.id && membership.lifecycleState === "ACTIVE");
    if (!member) addMembership(world, user, group);
  }
}

function credentialsFor(world: World, user: UserRecord, publicKeyPem: string | undefined): OciUserCredentials {
  const keys = world.state.oci.generatedKeys;
  if (publicKeyPem) {
    const key = addApiKey(world, user, publicKeyPem);
    return { tenancy: user.tenancyId, user: user.id, userName: user.name, fingerprint: key.fingerprint, keyId: key.keyId };
  }
  // A user seeded before (persisted state) keeps its generated key.
  const known = Object.values(identityOf(world).apiKeys).find((key) => key.userId === user.id && keys[key.keyId] !== undefined);
  if (known) return { tenancy: user.tenancyId, user: user.id, userName: user.name, fingerprint: known.fingerprint, keyId: known.keyId, privateKeyPem: keys[known.keyId] ?? "" };
  const pair = generatedKey();
  const key = addApiKey(world, user, pair.publicKeyPem);
  keys[key.keyId] = pair.privateKeyPem;
  return { tenancy: user.tenancyId, user: user.id, userName: user.name, fingerprint: key.fingerprint, keyId: key.keyId, privateKeyPem: pair.privateKeyPem };
}

/** A compartment path below `parentId`, creating what is missing; returns the last one's OCID. */
export function seedCompartmentPath(world: World, tenancyId: string, parentId: string, path: string, presetId?: string): string {
  let current = parentId;
  const parts = path.split(":");
  parts.forEach((name, index) => {
    const found = compartmentByPath(world, current, name);
    const last = index === parts.length - 1;
    current = found?.id ?? addCompartment(world, { parentId: current, tenancyId, name, ...(last && presetId ? { id: presetId } : {}) }).id;
  });
  return current;
}

/** Creates the tenancy of `spec` (or completes the one of that name), with its administrator, users and compartments. */
export function seedTenancy(world: World, input: OciTenancySpec, defaultRegion: string): OciTenancyCredentials {
  const spec = OciTenancySpec.parse(input);
  let record: TenancyRecord | undefined = Object.values(identityOf(world).tenancies).find((candidate) => candidate.name === spec.name);
  record ??= addTenancy(world, { name: spec.name, homeRegion: spec.homeRegion ?? defaultRegion, regions: spec.regions });
  return completeTenancy(world, record, spec);
}

export function completeTenancy(world: World, record: TenancyRecord, spec: z.infer<typeof OciTenancySpec>): OciTenancyCredentials {
  for (const region of spec.regions) if (!record.subscriptions.some((subscription) => subscription.regionName === region)) record.subscriptions.push({ regionName: region, status: "READY" });
  const compartments: Record<string, string> = {};
  for (const path of spec.compartments) compartments[path] = seedCompartmentPath(world, record.id, record.id, path);
  const admin = seedUser(world, record.id, { name: "admin", groups: [ADMINISTRATORS] });
  const users: Record<string, OciUserCredentials> = { admin };
  for (const user of spec.users) users[user.name] = seedUser(world, record.id, user);
  const groups = Object.fromEntries(Object.values(identityOf(world).groups).filter((group) => group.tenancyId === record.id).map((group) => [group.name, group.id]));
  world.dirty = true;
  return {
    tenancy: record.id,
    name: record.name,
    homeRegion: record.homeRegion,
    regions: record.subscriptions.map((subscription) => subscription.regionName),
    admin: { ...admin, privateKeyPem: admin.privateKeyPem ?? "" },
    compartments,
    groups,
    users,
  };
}

/**
 * The tenancy of the emulator's own API key (the one in `<stateDir>/oci/config`): its user is an administrator,
 * so everything that signed with that key before identity existed is still allowed.
 */
export function ensureDefaultTenancy(world: World, key: { tenancy: string; user: string; publicKeyPem: string }, region: string, regions: string[]): void {
  const identity = identityOf(world);
  const root = identity.tenancies[key.tenancy] ?? addTenancy(world, { id: key.tenancy, name: "default", homeRegion: region, regions });
  for (const extra of regions) if (!root.subscriptions.some((subscription) => subscription.regionName === extra)) root.subscriptions.push({ regionName: extra, status: "READY" });
  const user = userRecord(world, key.user) ?? addUser(world, { id: key.user, tenancyId: key.tenancy, name: "emulator-admin", description: "The emulator's default API key user" });
  const admins = ensureGroup(world, key.tenancy, ADMINISTRATORS);
  if (!Object.values(identity.memberships).some((membership) => membership.userId === user.id && membership.groupId === admins.id)) addMembership(world, user, admins);
  if (!Object.values(identity.apiKeys).some((candidate) => candidate.userId === user.id && candidate.keyValue === key.publicKeyPem)) addApiKey(world, user, key.publicKeyPem);
}
