import { type AzureState, emptyAzureState } from "../azure-arm/model";
import type { VpnFabricState } from "../fabric/vpn-state";
import type { Principal } from "../oci/identity/model";
import { emptyOciState, type OciState } from "../oci/model";
import type { EmulatorClock } from "./clock";
import type { Durations } from "./durations";
import type { FaultStore } from "./faults";
import type { Journal } from "./journal";

export type EventData = Record<string, string | number | boolean>;

/** A state change due at an emulated time. Kept in the persisted state, so restarts keep timelines. */
export interface ScheduledEvent {
  seq: number;
  at: number;
  kind: string;
  data: EventData;
}

export interface WorldState {
  version: 1;
  /** Emulated time when the state was last saved. */
  savedAt: number;
  nextSeq: number;
  events: ScheduledEvent[];
  azure: AzureState;
  oci: OciState;
  /** VPN tunnel states and their journal (fabric/vpn-state.ts); created on first use. */
  vpn?: VpnFabricState;
}

export interface EmulatorConfig {
  durations: Durations;
  /** The one OCI region the OCI emulator serves, e.g. `us-ashburn-1`. */
  ociRegion: string;
  /** Short key used in OCIDs, e.g. `iad`. */
  ociRegionKey: string;
  /** Items per ARM list page before a `nextLink`. */
  armPageSize: number;
  /** Reject a virtual circuit whose bandwidth shape differs from the ExpressRoute bandwidth. */
  strictBandwidth: boolean;
  /**
   * Where an ExpressRoute gateway needs a public IP of its own (Azure-managed ones are not offered there): `true`
   * everywhere, or the regions (lower-case, no spaces, e.g. `eastus`). Changeable at run time (admin `settings`).
   */
  gatewayPublicIpRequired: boolean | string[];
}

/** What the fault rules that fired on the current request do to the changes it makes. */
export interface RequestEffects {
  durationFactor: number;
  stuck: boolean;
  lroFailed?: { code: string; message: string };
  lateValidation?: boolean;
  virtualCircuitFailed: boolean;
  virtualCircuitStates?: ProviderStep[];
  virtualCircuitResizeRejected?: boolean;
  hideForMs?: number;
  bgpFlapMs?: number;
}

/** A state the provider shows a virtual circuit in while it works on it; without `ms` it holds for good. */
export interface ProviderStep {
  lifecycleState: string;
  providerState?: string | undefined;
  ms?: number | undefined;
}

export function noEffects(): RequestEffects {
  return { durationFactor: 1, stuck: false, virtualCircuitFailed: false };
}

export type EventHandler = (world: World, event: ScheduledEvent) => void;
export type EventObserver = (world: World) => void;

/** The OCI request being served: the region its endpoint names and who signed it. */
export interface OciRequestScope {
  region: string;
  principal: Principal;
}

export function emptyWorldState(now: number): WorldState {
  return { version: 1, savedAt: now, nextSeq: 1, events: [], azure: emptyAzureState(), oci: emptyOciState() };
}

/**
 * The shared state of both emulators and the fabric between them. Requests and due events mutate it
 * one at a time (Node is single-threaded and handlers are synchronous), so no locking is needed.
 */
export class World {
  state: WorldState;
  /** The emulated time the current change happens at (event time while settling). */
  now: number;
  effects: RequestEffects = noEffects();
  /** Set while an OCI request runs (undefined while settling events). */
  ociRequest: OciRequestScope | undefined;
  dirty = false;
  private readonly handlers = new Map<string, EventHandler>();
  private readonly changeObservers: EventObserver[] = [];
  /** Indexes built during one `reading` computation (absent outside one). */
  private lookups: Map<string, unknown> | undefined;

  constructor(
    readonly clock: EmulatorClock,
    readonly config: EmulatorConfig,
    readonly journal: Journal,
    readonly faults: FaultStore,
  ) {
    this.now = clock.now();
    this.state = emptyWorldState(this.now);
  }

  on(kind: string, handler: EventHandler): void {
    if (this.handlers.has(kind)) throw new Error(`event handler for ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  /** Called after every request's change, every due event and every out-of-band change (derived states such as VPN tunnels). */
  onChange(observer: EventObserver): void {
    this.changeObservers.push(observer);
  }

  changed(): void {
    for (const observer of this.changeObservers) observer(this);
  }

  nextSeq(): number {
    this.dirty = true;
    return this.state.nextSeq++;
  }

  /** Schedules `kind` at `now + delayMs`. */
  schedule(delayMs: number, kind: string, data: EventData): void {
    if (!this.handlers.has(kind)) throw new Error(`no handler for event ${kind}`);
    const event: ScheduledEvent = { seq: this.nextSeq(), at: this.now + Math.max(0, Math.round(delayMs)), kind, data };
    const index = this.state.events.findIndex((other) => other.at > event.at);
    if (index < 0) this.state.events.push(event);
    else this.state.events.splice(index, 0, event);
  }

  /**
   * Schedules the end of a provisioning step, honouring slow/stuck faults of the current request.
   * Returns false when the step is stuck (never scheduled).
   */
  scheduleProvisioning(delayMs: number, kind: string, data: EventData): boolean {
    if (this.effects.stuck) return false;
    this.schedule(delayMs * this.effects.durationFactor, kind, data);
    return true;
  }

  cancelEvents(predicate: (event: ScheduledEvent) => boolean): void {
    const before = this.state.events.length;
    this.state.events = this.state.events.filter((event) => !predicate(event));
    if (this.state.events.length !== before) this.dirty = true;
  }

  pendingEvents(): readonly ScheduledEvent[] {
    return this.state.events;
  }

  /**
   * Runs a computation that only reads the state (an ARM action's answer, say), keeping the indexes it builds with
   * `lookup` until it returns: a gateway with thousands of connections then costs one pass over them, not one per
   * connection. Nothing changes the state meanwhile (handlers are synchronous), so the indexes stay true.
   */
  reading<T>(compute: () => T): T {
    if (this.lookups) return compute();
    this.lookups = new Map();
    try {
      return compute();
    } finally {
      this.lookups = undefined;
    }
  }

  /** An index over the state: built once per `reading` computation, or afresh on every call outside one. */
  lookup<T>(key: string, build: () => T): T {
    if (!this.lookups) return build();
    if (!this.lookups.has(key)) this.lookups.set(key, build());
    return this.lookups.get(key) as T;
  }

  /** Applies every event due by the current emulated time, in time order. */
  settle(): void {
    const target = this.clock.now();
    for (;;) {
      const next = this.state.events[0];
      if (!next || next.at > target) break;
      this.state.events.shift();
      this.now = next.at;
      this.dirty = true;
      const handler = this.handlers.get(next.kind);
      if (handler) handler(this, next);
      this.changed();
    }
    this.now = target;
  }

  reset(): void {
    this.now = this.clock.now();
    this.state = emptyWorldState(this.now);
    this.dirty = true;
  }

  /** Runs an OCI request's handler knowing its region and caller. */
  withOciRequest<T>(scope: OciRequestScope, change: () => T): T {
    const previous = this.ociRequest;
    this.ociRequest = scope;
    try {
      return change();
    } finally {
      this.ociRequest = previous;
    }
  }

  /** Runs `change` with the effects of the fault rules that fired on a request. */
  withEffects<T>(effects: RequestEffects, change: () => T): T {
    const previous = this.effects;
    this.effects = effects;
    try {
      return change();
    } finally {
      this.effects = previous;
      this.changed();
    }
  }
}
