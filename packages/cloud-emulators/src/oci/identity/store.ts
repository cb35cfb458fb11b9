import type { World } from "../../core/world";
import type { CompartmentRecord, GroupRecord, IdentityState, Principal, TenancyRecord, UserRecord } from "./model";

/** Lookups over the Identity part of the world. */

export function identityOf(world: World): IdentityState {
  return world.state.oci.identity;
}

/** A compartment of the tree: a tenancy (its root) or a compartment below it. */
export interface CompartmentNode {
  id: string;
  /** Null for a tenancy (root compartment). */
  parentId: string | null;
  tenancyId: string;
  name: string;
  lifecycleState: string;
}

export function tenancy(world: World, id: string | undefined): TenancyRecord | undefined {
  return id === undefined ? undefined : identityOf(world).tenancies[id];
}

export function compartmentRecord(world: World, id: string | undefined): CompartmentRecord | undefined {
  return id === undefined ? undefined : identityOf(world).compartments[id];
}

export function compartmentNode(world: World, id: string | undefined): CompartmentNode | undefined {
  if (id === undefined) return undefined;
  const root = tenancy(world, id);
  if (root) return { id: root.id, parentId: null, tenancyId: root.id, name: root.name, lifecycleState: "ACTIVE" };
  const compartment = compartmentRecord(world, id);
  return compartment ? { id: compartment.id, parentId: compartment.compartmentId, tenancyId: compartment.tenancyId, name: compartment.name, lifecycleState: compartment.lifecycleState } : undefined;
}

/** An ACTIVE compartment (or tenancy) resources can live in. */
export function activeCompartment(world: World, id: string | undefined): CompartmentNode | undefined {
  const node = compartmentNode(world, id);
  return node && node.lifecycleState === "ACTIVE" ? node : undefined;
}

/** The compartment and its ancestors up to the tenancy, nearest first. */
export function ancestry(world: World, id: string): string[] {
  const chain: string[] = [];
  let node = compartmentNode(world, id);
  while (node && !chain.includes(node.id)) {
    chain.push(node.id);
    node = node.parentId === null ? undefined : compartmentNode(world, node.parentId);
  }
  return chain;
}

export function isWithin(world: World, compartmentId: string, ancestorId: string): boolean {
  return ancestry(world, compartmentId).includes(ancestorId);
}

export function childCompartments(world: World, parentId: string): CompartmentRecord[] {
  return Object.values(identityOf(world).compartments).filter((compartment) => compartment.compartmentId === parentId);
}

/** `a:b:c` below `fromId`, as policy statements name compartments (names are case-insensitive). */
export function compartmentByPath(world: World, fromId: string, path: string): CompartmentNode | undefined {
  let current = compartmentNode(world, fromId);
  for (const part of path.split(":")) {
    if (!current) return undefined;
    const parentId: string = current.id;
    const child = childCompartments(world, parentId).find((candidate) => candidate.name.toLowerCase() === part.toLowerCase() && candidate.lifecycleState !== "DELETED");
    current = child ? compartmentNode(world, child.id) : undefined;
  }
  return current;
}

export function userRecord(world: World, id: string | undefined): UserRecord | undefined {
  return id === undefined ? undefined : identityOf(world).users[id];
}

export function groupRecord(world: World, id: string | undefined): GroupRecord | undefined {
  return id === undefined ? undefined : identityOf(world).groups[id];
}

export function groupByName(world: World, tenancyId: string, name: string): GroupRecord | undefined {
  return Object.values(identityOf(world).groups).find((group) => group.tenancyId === tenancyId && group.name.toLowerCase() === name.toLowerCase());
}

export function groupIdsOf(world: World, userId: string): string[] {
  return Object.values(identityOf(world).memberships)
    .filter((membership) => membership.userId === userId && membership.lifecycleState === "ACTIVE")
    .map((membership) => membership.groupId);
}

/** The ACTIVE user behind a signing key id `tenancy/user/fingerprint`, with its public key. */
export function signingKey(world: World, keyId: string): { publicKeyPem: string; principal: Principal } | undefined {
  const key = identityOf(world).apiKeys[keyId];
  if (!key || key.lifecycleState !== "ACTIVE") return undefined;
  const user = userRecord(world, key.userId);
  if (!user || user.lifecycleState !== "ACTIVE" || user.tenancyId !== key.tenancyId) return undefined;
  return { publicKeyPem: key.keyValue, principal: principalOf(world, user) };
}

export function principalOf(world: World, user: UserRecord): Principal {
  return { userId: user.id, tenancyId: user.tenancyId, groupIds: groupIdsOf(world, user.id) };
}

/** A tenancy can use a region once its subscription is READY. */
export function subscribedTo(world: World, tenancyId: string, region: string): boolean {
  return tenancy(world, tenancyId)?.subscriptions.some((subscription) => subscription.regionName === region && subscription.status === "READY") ?? false;
}
