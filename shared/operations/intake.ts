import { type InterlinkEvent } from "../domain/events";
import { clipDepth, depthError } from "../domain/json-depth";
import { type FieldError, parseWith, type Result } from "../domain/problem";
import { unboundRuleProblems } from "../domain/security/binding";
import { QueueMessage } from "../domain/requests";
import { type EventSink } from "../events/sink";
import { parseTicket, ticketText } from "./queue-message";
import { type OperationCommand, type StartDeps, type StartOutcome, startOperation } from "./start-operation";

/** A setup request is a few kilobytes; anything this large is not a request (queue messages hold 64 KiB). */
export const MAX_MESSAGE_CHARACTERS = 32_000;

export type IntakeOutcome = { kind: "rejected"; errors: FieldError[] } | StartOutcome;

function commandOf(message: QueueMessage): OperationCommand {
  switch (message.action) {
    case "setup":
      return { operation: "setup", request: { ...message.request, ticketId: message.request.ticketId ?? message.ticketId } };
    case "resize":
      return { operation: "resize", name: message.request.name, bandwidthMbps: message.request.bandwidthMbps, ticketId: message.ticketId };
    case "teardown":
    case "suspend":
    case "resume":
      return { operation: message.action, name: message.request.name, ticketId: message.ticketId, reason: message.request.reason };
  }
}

/** A top-level string field of JSON text that cannot be parsed safely (too deep): found by pattern, not parsed. */
function fieldOfText(text: string, field: string): string | undefined {
  return new RegExp(`^\\s*\\{[^{}\\[\\]]*?"${field}"\\s*:\\s*"([^"\\\\]{1,64})"`).exec(text)?.[1];
}

/** Best-effort identity of a message that failed validation, for the rejected event. */
function identityOf(raw: unknown): { ticketId?: string; name?: string; action: string } {
  if (typeof raw === "string") {
    const [ticketId, action] = [fieldOfText(raw, "ticketId"), fieldOfText(raw, "action")];
    return { ...(ticketId ? { ticketId } : {}), action: action ?? "unknown" };
  }
  const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const request = record.request !== null && typeof record.request === "object" ? (record.request as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === "string" && value.length <= 64 ? value : undefined);
  const ticketId = text(record.ticketId);
  const name = text(request.name);
  return { ...(ticketId ? { ticketId } : {}), ...(name ? { name } : {}), action: text(record.action) ?? "unknown" };
}

/**
 * The ticketing intake: the same schemas and the same start path as the HTTP API. A message that cannot
 * be carried out (invalid, or refused by the interconnect's state) is answered at once with one `rejected`
 * event and moved to the poison queue with the reason; it is never retried. Transient failures throw, so the
 * queue retries them.
 */
export async function handleQueueRequest(deps: StartDeps & { events: EventSink }, delivered: unknown, messageId: string, now: Date): Promise<IntakeOutcome> {
  const text = typeof delivered === "string" ? ticketText(delivered) : undefined;
  // Measured without recursion before anything parses or walks the message: a deep one would overflow the stack.
  const tooDeep = depthError(text ?? delivered);
  if (tooDeep) {
    await reject(deps.events, text ?? clipDepth(delivered), messageId, now, [tooDeep], "the message is nested too deeply to be a request");
    return { kind: "rejected", errors: [tooDeep] };
  }
  const raw = text === undefined ? delivered : parseTicket(text);
  const size = typeof raw === "string" ? raw.length : (JSON.stringify(raw) ?? "").length;
  if (size > MAX_MESSAGE_CHARACTERS) {
    const errors = [{ path: "", message: `is too large: ${size} characters, at most ${MAX_MESSAGE_CHARACTERS}` }];
    await reject(deps.events, raw, messageId, now, errors, "the message is too large to be a request");
    return { kind: "rejected", errors };
  }
  const parsed = typeof raw === "string" ? { ok: false as const, errors: [{ path: "", message: "is not a JSON object: send { action, ticketId, request }" }] } : admitted(parseWith(QueueMessage, raw));
  if (!parsed.ok) {
    await reject(deps.events, raw, messageId, now, parsed.errors, "the message failed validation");
    return { kind: "rejected", errors: parsed.errors };
  }
  const outcome = await startOperation({ ...deps, now: () => now }, commandOf(parsed.value));
  if (outcome.kind === "conflict" || outcome.kind === "not-found") {
    const errors = [{ path: outcome.kind === "not-found" ? "request.name" : "", message: outcome.message }];
    await reject(deps.events, raw, messageId, now, errors, outcome.message);
  }
  if (outcome.kind === "existing") await deps.events.emit(duplicateEvent(parsed.value, outcome, messageId, now));
  return outcome;
}

/**
 * A ticket for what an earlier ticket (or this one, delivered again) already started: nothing new runs, and the
 * ticketing system is told which operation carries it, so the ticket can be linked or closed.
 */
function duplicateEvent(message: QueueMessage, original: Extract<IntakeOutcome, { kind: "existing" }>, messageId: string, now: Date): InterlinkEvent {
  return {
    eventId: `message:${messageId}:duplicate`,
    ticketId: message.ticketId,
    name: original.name,
    action: message.action,
    outcome: "duplicate",
    detail: {
      reason: `the same request was accepted before: ${original.operation} ${original.instanceId} carries it`,
      instanceId: original.instanceId,
      operation: original.operation,
      ...(original.ticketId ? { originalTicketId: original.ticketId } : {}),
      messageId,
    },
    at: now.toISOString(),
  };
}

async function reject(events: EventSink, raw: unknown, messageId: string, now: Date, errors: FieldError[], detail: string): Promise<void> {
  const event: InterlinkEvent = {
    eventId: `message:${messageId}:rejected`,
    ...identityOf(raw),
    outcome: "rejected",
    detail: { reason: detail, errors, messageId },
    at: now.toISOString(),
  };
  await events.emit(event);
  await events.poison(raw, { errors, detail });
}

/** A setup on the queue is admitted as over HTTP: its security rules must protect something on both sides. */
function admitted(parsed: Result<QueueMessage>): Result<QueueMessage> {
  if (!parsed.ok || parsed.value.action !== "setup") return parsed;
  const errors = unboundRuleProblems(parsed.value.request).map((error) => ({ ...error, path: `request.${error.path}` }));
  return errors.length === 0 ? parsed : { ok: false, errors };
}
