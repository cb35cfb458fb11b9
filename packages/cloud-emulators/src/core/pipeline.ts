import { setTimeout as sleep } from "node:timers/promises";
import type { CallCost } from "./call-cost";
import type { FaultAction, FaultRule } from "./faults";
import type { EmulatorReply, EmulatorRequest } from "./http";
import type { AuthVerdict, Cloud } from "./journal";
import { noEffects, type RequestEffects, type World } from "./world";

export interface AuthResult {
  verdict: AuthVerdict;
  detail?: string;
  /** Present when the request is refused. */
  reject?: EmulatorReply;
  /** OCI: who signed the request (user OCID) and the region its endpoint names, for the journal. */
  principal?: string;
  region?: string;
}

/** A request resolved to an operation: its SDK name, the resource names it addresses, and the work. */
export type Resolution =
  | { kind: "operation"; op: string; resourceNames: string[]; run: () => EmulatorReply }
  | { kind: "reply"; reply: EmulatorReply };

/** What differs between the ARM and the OCI emulators. */
export interface CloudFrontend {
  cloud: Cloud;
  authenticate(req: EmulatorRequest): AuthResult;
  resolve(req: EmulatorRequest, auth: AuthResult): Resolution;
  /** The cloud's answer for a throttle or error fault. */
  faultReply(action: Extract<FaultAction, { type: "throttle" } | { type: "error" }>, req: EmulatorRequest): EmulatorReply;
  /** Maps the cloud's own error type to a reply; anything else is an internal error. */
  errorReply(error: unknown): EmulatorReply;
  /** Headers every answer carries (request ids). */
  decorate(req: EmulatorRequest, reply: EmulatorReply, requestId: string): EmulatorReply;
  /** Starts a BGP flap on what the request addresses. */
  flapBgp(world: World, resourceNames: string[], downMs: number): void;
}

function effectsOf(rules: FaultRule[]): RequestEffects {
  const effects = noEffects();
  for (const { action } of rules) {
    if (action.type === "slowProvisioning") effects.durationFactor *= action.factor;
    if (action.type === "stuckProvisioning") effects.stuck = true;
    if (action.type === "lroFailed") effects.lroFailed = { code: action.code, message: action.message };
    if (action.type === "lateValidation") effects.lateValidation = true;
    if (action.type === "virtualCircuitFailed") effects.virtualCircuitFailed = true;
    if (action.type === "virtualCircuitStates") effects.virtualCircuitStates = action.states;
    if (action.type === "virtualCircuitResizeRejected") effects.virtualCircuitResizeRejected = true;
    if (action.type === "notFoundAfterCreate") effects.hideForMs = action.ms;
    if (action.type === "bgpFlap") effects.bgpFlapMs = action.downMs;
  }
  return effects;
}

function errorCodeOf(reply: EmulatorReply): string | undefined {
  if (reply.status < 400 || reply.json === null || typeof reply.json !== "object") return undefined;
  const body = reply.json as { code?: unknown; error?: { code?: unknown } };
  const code = body.error?.code ?? body.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The request path shared by both emulators: authenticate, apply due events, resolve the operation,
 * fire fault rules, run the handler with the faults' effects, journal the outcome. With `cost`, the call
 * first waits its turn on the emulated clock and its answer waits out the operation's latency.
 */
export async function serveCloudRequest(world: World, frontend: CloudFrontend, req: EmulatorRequest, requestId: string, cost?: CallCost): Promise<EmulatorReply> {
  await cost?.admit(frontend.cloud);
  const started = performance.now();
  const auth = frontend.authenticate(req);
  let op: string | null = null;
  let fired: FaultRule[] = [];
  let reply: EmulatorReply;
  try {
    if (auth.reject) {
      reply = auth.reject;
    } else {
      world.settle();
      const resolution = frontend.resolve(req, auth);
      if (resolution.kind === "reply") {
        reply = resolution.reply;
      } else {
        op = resolution.op;
        fired = world.faults.fire({ cloud: frontend.cloud, method: req.method, path: req.url.pathname, op, resourceNames: resolution.resourceNames });
        reply = await runWithFaults(world, frontend, req, resolution, fired);
      }
    }
  } catch (error) {
    reply = frontend.errorReply(error);
  }
  reply = frontend.decorate(req, reply, requestId);
  const entry: Parameters<World["journal"]["record"]>[0] = {
    at: new Date().toISOString(),
    cloud: frontend.cloud,
    method: req.method,
    path: req.url.pathname,
    status: reply.status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    op,
    auth: auth.verdict,
    faults: fired.map((rule) => rule.id),
    requestId,
  };
  if (auth.detail) entry.authDetail = auth.detail;
  if (auth.principal) entry.principal = auth.principal;
  if (auth.region) entry.region = auth.region;
  if (reply.note) entry.note = reply.note;
  const errorCode = errorCodeOf(reply);
  if (errorCode) entry.errorCode = errorCode;
  world.journal.record(entry);
  await cost?.answer(frontend.cloud, req.method, op);
  return reply;
}

async function runWithFaults(world: World, frontend: CloudFrontend, req: EmulatorRequest, resolution: Extract<Resolution, { kind: "operation" }>, fired: FaultRule[]): Promise<EmulatorReply> {
  for (const { action } of fired) {
    if (action.type === "delay") await sleep(action.ms);
  }
  // Delays let other requests run; apply what became due meanwhile.
  if (fired.some(({ action }) => action.type === "delay")) world.settle();
  const immediate = fired.find(({ action }) => action.type === "throttle" || (action.type === "error" && action.phase === "before"));
  if (immediate && (immediate.action.type === "throttle" || immediate.action.type === "error")) return frontend.faultReply(immediate.action, req);

  const effects = effectsOf(fired);
  // A flap starts with this request, so its own answer already shows BGP down.
  if (effects.bgpFlapMs !== undefined) frontend.flapBgp(world, resolution.resourceNames, effects.bgpFlapMs);
  let reply: EmulatorReply;
  try {
    reply = world.withEffects(effects, resolution.run);
  } catch (error) {
    reply = frontend.errorReply(error);
  }
  const after = fired.find(({ action }) => action.type === "error" && action.phase === "after");
  if (after && after.action.type === "error") return frontend.faultReply(after.action, req);
  return reply;
}
