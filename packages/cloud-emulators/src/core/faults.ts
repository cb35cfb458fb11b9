import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Cloud } from "./journal";

/**
 * Fault rules: matched against every authenticated cloud request (not admin calls), in the order
 * they were added. A rule fires at most `times` times (unlimited when absent) with `probability`.
 */
export const FaultAction = z.discriminatedUnion("type", [
  /** 429: ARM `SubscriptionRequestsThrottled`, OCI `TooManyRequests`. No retry headers unless asked for. */
  z.object({
    type: z.literal("throttle"),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /** Sent as `retry-after-ms` (the Azure pipeline honours it, so tests stay fast). */
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
  /** An error response. `phase: "after"` runs the handler (the change is stored) and then answers with the error. */
  z.object({
    type: z.literal("error"),
    status: z.number().int().min(400).max(599).default(500),
    code: z.string().optional(),
    message: z.string().optional(),
    phase: z.enum(["before", "after"]).default("before"),
    /** ARM: a Retry-After header on the error (ARM's contract: any answer that carries one is retried). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  /** Answer after a real (wall-clock) delay; for client timeouts. */
  z.object({ type: z.literal("delay"), ms: z.number().int().nonnegative().max(60_000) }),
  /** Provisioning started by the matching request takes `factor` times longer. */
  z.object({ type: z.literal("slowProvisioning"), factor: z.number().min(1) }),
  /** Provisioning started by the matching request never finishes. */
  z.object({ type: z.literal("stuckProvisioning") }),
  /** ARM: the LRO started by the matching request ends `Failed` with this code (resource provisioningState Failed). */
  z.object({ type: z.literal("lroFailed"), code: z.string().default("InternalServerError"), message: z.string().default("An error occurred.") }),
  /**
   * ARM: a request the emulator refuses as invalid (400, or a 409 other than AnotherOperationInProgress) is accepted
   * instead (201/200/202) and its long-running operation fails with that code and message a few seconds later.
   */
  z.object({ type: z.literal("lateValidation") }),
  /** OCI: the virtual circuit created or updated by the matching request ends in lifecycleState FAILED. */
  z.object({ type: z.literal("virtualCircuitFailed") }),
  /**
   * OCI: the virtual circuit created or resized by the matching request shows these states first (e.g. PENDING_PROVIDER,
   * VERIFYING, or a state the SDK does not know), each for `ms` emulated ms; a step without `ms` holds for good.
   */
  z.object({
    type: z.literal("virtualCircuitStates"),
    states: z.array(z.object({ lifecycleState: z.string().min(1), providerState: z.string().min(1).optional(), ms: z.number().int().positive().optional() })).min(1),
  }),
  /** OCI: the provider does not accept the bandwidth change the matching request makes; the circuit returns to PROVISIONED at its old shape. */
  z.object({ type: z.literal("virtualCircuitResizeRejected") }),
  /** BGP of the circuit/virtual circuit the request addresses (or of every live one) goes DOWN for `downMs` emulated ms. */
  z.object({ type: z.literal("bgpFlap"), downMs: z.number().int().positive() }),
  /** The resource created by the matching request answers 404 to reads for `ms` emulated ms. */
  z.object({ type: z.literal("notFoundAfterCreate"), ms: z.number().int().positive() }),
]);
export type FaultAction = z.infer<typeof FaultAction>;

export const FaultMatch = z.object({
  cloud: z.enum(["azure", "oci"]).optional(),
  method: z.string().optional(),
  /** Regular expression tested (case-insensitively) against the URL path. */
  path: z.string().optional(),
  /** SDK operation name, e.g. `getVirtualCircuit` or `expressRouteCircuits.createOrUpdate`. */
  op: z.string().optional(),
  /** Glob (`*`, `?`) tested against the resource name(s) the request addresses (ARM name, OCI OCID or displayName). */
  resourceName: z.string().optional(),
});
export type FaultMatch = z.infer<typeof FaultMatch>;

export const FaultRuleInput = z.object({
  id: z.string().min(1).optional(),
  match: FaultMatch.default({}),
  action: FaultAction,
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).default(1),
});
export type FaultRuleInput = z.input<typeof FaultRuleInput>;

export interface FaultRule {
  id: string;
  match: FaultMatch;
  action: FaultAction;
  times?: number;
  probability: number;
  /** How often it has fired. */
  hits: number;
}

export interface FaultContext {
  cloud: Cloud;
  method: string;
  path: string;
  op: string;
  resourceNames: string[];
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

export function ruleMatches(match: FaultMatch, context: FaultContext): boolean {
  if (match.cloud !== undefined && match.cloud !== context.cloud) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== context.method) return false;
  if (match.op !== undefined && match.op.toLowerCase() !== context.op.toLowerCase()) return false;
  if (match.path !== undefined && !new RegExp(match.path, "i").test(context.path)) return false;
  if (match.resourceName !== undefined) {
    const pattern = globToRegExp(match.resourceName);
    if (!context.resourceNames.some((name) => pattern.test(name))) return false;
  }
  return true;
}

export class FaultStore {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(input: unknown): FaultRule {
    const parsed = FaultRuleInput.parse(input);
    if (parsed.match.path !== undefined) new RegExp(parsed.match.path); // reject bad patterns now, not per request
    const rule: FaultRule = { id: parsed.id ?? randomUUID(), match: parsed.match, action: parsed.action, probability: parsed.probability, hits: 0 };
    if (parsed.times !== undefined) rule.times = parsed.times;
    this.rules = this.rules.filter((existing) => existing.id !== rule.id);
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Rules that fire for this request, in order. Evaluation stops at the first rule that answers the
   * request itself (throttle, error before the handler), so later rules keep their `times`.
   */
  fire(context: FaultContext): FaultRule[] {
    const fired: FaultRule[] = [];
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (!ruleMatches(rule.match, context)) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.hits += 1;
      fired.push(rule);
      if (answersImmediately(rule.action)) break;
    }
    return fired;
  }
}

export function answersImmediately(action: FaultAction): boolean {
  return action.type === "throttle" || (action.type === "error" && action.phase === "before");
}
