import type { EmulatorReply, EmulatorRequest } from "../core/http";
import type { World } from "../core/world";
import type { OciKind, OciRecordOf } from "./model";

/** One request to an OCI route. */
export interface OciCall {
  world: World;
  req: EmulatorRequest;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type OciHandler = (call: OciCall) => EmulatorReply;

export interface LifecycleStates {
  creating: string;
  ready: string;
  deleting: string;
  deleted: string;
}

/** How one OCI resource type behaves. The generic handlers do the HTTP, etags, retry tokens, paging and lifecycle. */
export interface OciKindDef<K extends OciKind> {
  kind: K;
  /** REST collection under `/20160918`, e.g. `vcns`. */
  collection: string;
  /** Operation name stem: `Vcn` gives createVcn, getVcn, updateVcn, deleteVcn, listVcns. */
  opName: string;
  states: LifecycleStates;
  /** Validates the create body and returns the new record (in the creating state). Throws OciError. */
  create?(call: OciCall, body: Record<string, unknown>): OciRecordOf<K>;
  /** Applies an update body in place. Throws OciError. */
  update?(call: OciCall, record: OciRecordOf<K>, body: Record<string, unknown>): void;
  /** Refuses a DELETE (409 Conflict and the like). */
  checkDelete?(world: World, record: OciRecordOf<K>): void;
  render(world: World, record: OciRecordOf<K>): Record<string, unknown>;
  createMs(world: World, record: OciRecordOf<K>): number;
  deleteMs(world: World, record: OciRecordOf<K>): number;
  /** Replaces the default "creating -> ready" transition when provisioning ends. */
  onReady?(world: World, record: OciRecordOf<K>): void;
  onCreated?(world: World, record: OciRecordOf<K>): void;
  onDeleting?(world: World, record: OciRecordOf<K>): void;
  onDeleted?(world: World, record: OciRecordOf<K>): void;
  /** Extra list filters (query parameters beyond compartmentId, displayName, lifecycleState). */
  listFilter?(record: OciRecordOf<K>, query: URLSearchParams, world: World): boolean;
  /** Lists need `compartmentId` unless false. */
  listNeedsCompartment?: boolean;
}
