import type { EmulatorReply, EmulatorRequest } from "../core/http";
import type { World } from "../core/world";
import type { LroContext } from "./lro";
import type { ArmChild, ArmKind, ArmRecordOf } from "./model";

/** One request to an ARM route. */
export interface ArmCall {
  world: World;
  req: EmulatorRequest;
  params: Record<string, string>;
  lro: LroContext;
}

export type ArmHandler = (call: ArmCall) => EmulatorReply;

/** Fields every tracked resource has; kind descriptors build the rest. */
export type TrackedBaseField =
  | "kind"
  | "id"
  | "name"
  | "subscriptionId"
  | "resourceGroup"
  | "location"
  | "tags"
  | "etag"
  | "provisioningState"
  | "resourceGuid"
  | "createdAt"
  | "pendingOpId"
  | "hiddenUntil";

export interface BuildInput<K extends ArmKind> {
  world: World;
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** The PUT body (an object). */
  body: Record<string, unknown>;
  existing: ArmRecordOf<K> | undefined;
}

/** How one tracked resource type (a top-level Microsoft.Network type) behaves. */
export interface TrackedKind<K extends ArmKind> {
  kind: K;
  /** Path segment and SDK operation group, e.g. `virtualNetworks`. */
  type: K;
  /** Validates the PUT body and returns the kind's own fields. Throws ArmError. */
  build(input: BuildInput<K>): Omit<ArmRecordOf<K>, TrackedBaseField>;
  /** `properties` of the wire JSON except provisioningState and resourceGuid. */
  properties(world: World, record: ArmRecordOf<K>): Record<string, unknown>;
  /** Top-level wire fields besides the common ones (e.g. `sku`). */
  topLevel?(record: ArmRecordOf<K>): Record<string, unknown>;
  provisioningMs(world: World, record: ArmRecordOf<K>): number;
  deleteMs(world: World, record: ArmRecordOf<K>): number;
  /** Synchronous refusal of a DELETE (400). */
  checkDelete?(world: World, record: ArmRecordOf<K>): void;
  /** Accepted DELETE that will fail asynchronously (the LRO ends Failed with this error). */
  deleteFailure?(world: World, record: ArmRecordOf<K>): { code: string; message: string } | undefined;
  /** After the PUT is stored (the record is Updating). */
  afterPut?(world: World, record: ArmRecordOf<K>, existing: ArmRecordOf<K> | undefined): void;
  onProvisioned?(world: World, record: ArmRecordOf<K>): void;
  onDeleted?(world: World, record: ArmRecordOf<K>): void;
}

export interface ChildBuildInput<K extends ArmKind, C extends ArmChild> {
  world: World;
  parent: ArmRecordOf<K>;
  name: string;
  body: Record<string, unknown>;
  existing: C | undefined;
  /** Id the child will have. */
  id: string;
  /** The PUT's query (e.g. a peering's syncRemoteAddressSpace). */
  query?: URLSearchParams;
}

/** How a child collection (subnets, securityRules, routes, peerings) behaves. */
export interface ChildKind<K extends ArmKind, C extends ArmChild> {
  parentKind: K;
  /** Path segment, e.g. `subnets`. */
  childType: string;
  /** SDK operation group, e.g. `subnets`, `securityRules`, `expressRouteCircuitPeerings`. */
  opGroup: string;
  armType: string;
  children(parent: ArmRecordOf<K>): C[];
  setChildren(parent: ArmRecordOf<K>, children: C[]): void;
  /** Validates the PUT body and returns the child (provisioningState and etag are set by the caller). Throws ArmError. */
  build(input: ChildBuildInput<K, C>): C;
  properties(world: World, parent: ArmRecordOf<K>, child: C): Record<string, unknown>;
  provisioningMs(world: World): number;
  deleteMs(world: World): number;
  checkDelete?(world: World, parent: ArmRecordOf<K>, child: C): void;
  afterPut?(world: World, parent: ArmRecordOf<K>, child: C): void;
  onDeleted?(world: World, parent: ArmRecordOf<K>, child: C): void;
  /** Read-only collections (defaultSecurityRules) refuse PUT and DELETE. */
  readOnly?: boolean;
}
