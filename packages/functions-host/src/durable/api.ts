// The Durable HTTP management API under /runtime/webhooks/durabletask, with the status codes and payloads the real
// extension (HttpApiHandler) gives, since durable-functions' DurableClient branches on them.
import { jsonResponse, singleHeader, type HostRequest, type HostResponse } from "../http/convert";
import { decodeLeniently } from "../http/decode";
import { DurableError, isTerminal, type DurableEngine } from "./engine";
import { EventType, type HistoryEvent, type InstanceRecord, type RuntimeStatus } from "./types";

const empty = (status: number, headers: Record<string, string> = {}): HostResponse => ({ status, headers, body: Buffer.alloc(0) });

function parseJsonText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The extension formats times with .NET's "s" format plus Z: no fractional seconds. */
const sFormat = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");

function summarizeHistory(record: InstanceRecord, showHistoryOutput: boolean): Array<Record<string, unknown>> {
  const scheduled = new Map<number, HistoryEvent>();
  for (const event of record.history) {
    if (event.EventType === EventType.TaskScheduled || event.EventType === EventType.SubOrchestrationInstanceCreated) scheduled.set(event.EventId, event);
  }
  const summary: Array<Record<string, unknown>> = [];
  for (const event of record.history) {
    const type = event.EventType;
    if (type === EventType.OrchestratorStarted || type === EventType.OrchestratorCompleted || type === EventType.TaskScheduled || type === EventType.SubOrchestrationInstanceCreated) continue;
    const { EventType: _type, EventId: _id, IsPlayed: _played, Name, TaskScheduledId, TimerId: _timerId, Result, ...rest } = event;
    const entry: Record<string, unknown> = { EventType: EventType[type], ...rest };
    if (type === EventType.ExecutionStarted) entry.FunctionName = Name;
    else if (Name !== undefined) entry.Name = Name;
    if (typeof TaskScheduledId === "number") {
      const origin = scheduled.get(TaskScheduledId);
      entry.FunctionName = origin?.Name;
      entry.ScheduledTime = origin?.Timestamp;
    }
    if (Result !== undefined && (showHistoryOutput || type === EventType.ExecutionCompleted)) entry.Result = parseJsonText(Result);
    summary.push(entry);
  }
  return summary;
}

export function statusPayload(record: InstanceRecord, options: { showInput: boolean; showHistory?: boolean; showHistoryOutput?: boolean }): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.runtimeStatus,
    // The version the instance was created with: the one context.df.version reads, and the versioning check compares.
    version: record.version ?? "",
    input: options.showInput ? parseJsonText(record.input) : null,
    customStatus: parseJsonText(record.customStatus),
    output: parseJsonText(record.output),
    createdTime: sFormat(record.createdTime),
    lastUpdatedTime: sFormat(record.lastUpdatedTime),
  };
  if (options.showHistory) payload.historyEvents = summarizeHistory(record, options.showHistoryOutput === true);
  return payload;
}

function flag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  return value === null ? fallback : value.toLowerCase() === "true";
}

function matchesFilter(record: InstanceRecord, query: URLSearchParams): boolean {
  const from = query.get("createdTimeFrom");
  const to = query.get("createdTimeTo");
  const statuses = query.get("runtimeStatus");
  const prefix = query.get("instanceIdPrefix");
  const created = Date.parse(record.createdTime);
  if (from && created < Date.parse(from)) return false;
  if (to && created > Date.parse(to)) return false;
  if (statuses && !statuses.split(",").map((status) => status.trim().toLowerCase()).includes(record.runtimeStatus.toLowerCase())) return false;
  if (prefix && !record.instanceId.startsWith(prefix)) return false;
  return true;
}

export class DurableApi {
  constructor(
    private readonly engine: DurableEngine,
    /** The binding payload for an origin (its management URLs carry the system key when keys are enforced). */
    private readonly clientData: (origin: string) => Record<string, unknown>,
  ) {}

  /** The check-status payload for an instance, with URLs on the caller's origin (createCheckStatusResponse does the same). */
  managementPayload(origin: string, instanceId: string): Record<string, string> {
    const urls = this.clientData(origin).managementUrls as Record<string, string>;
    const payload: Record<string, string> = {};
    for (const [key, value] of Object.entries(urls)) payload[key] = value.replace("INSTANCEID", encodeURIComponent(instanceId));
    payload.id = instanceId;
    return payload;
  }

  /** Serves one request under `basePath` (the public webhook path, or the RPC listener's); URLs it returns use `origin`. */
  async handle(request: HostRequest, url: URL, basePath: string, origin: string): Promise<HostResponse> {
    const relative = url.pathname.slice(basePath.length).replace(/^\/+/, "");
    const segments = relative === "" ? [] : relative.split("/").map(decodeLeniently);
    const method = request.method.toUpperCase();
    try {
      return this.route(method, segments, url.searchParams, request, origin);
    } catch (error) {
      if (error instanceof DurableError) {
        // The extension lets DTFx's InvalidOperationException through to its catch-all: a 500 with the exception.
        if (error.code === "alreadyRunning") {
          return jsonResponse(500, { Message: "Something went wrong while processing your request", ExceptionMessage: error.message, ExceptionType: "System.InvalidOperationException" });
        }
        const status = { unknownFunction: 400, notFound: 404, gone: 410, badRequest: 400 }[error.code];
        return jsonResponse(status, { Message: error.message });
      }
      throw error;
    }
  }

  private route(method: string, segments: string[], query: URLSearchParams, request: HostRequest, origin: string): HostResponse {
    const [collection, instanceId, operation, eventName] = segments;
    if (collection === "orchestrators" && method === "POST" && instanceId !== undefined && segments.length <= 3) {
      const input = this.bodyJson(request);
      const id = this.engine.startNew(instanceId, { instanceId: operation, input, version: query.get("version") });
      const payload = this.managementPayload(origin, id);
      return jsonResponse(202, payload, { location: payload.statusQueryGetUri as string, "retry-after": "10" });
    }
    if (collection === "entities") return jsonResponse(501, { Message: "Durable entities are not supported by the Interlink dev host." });
    if (collection !== "instances") return jsonResponse(404, { Message: `No Durable API route for ${method} ${segments.join("/")}` });

    if (instanceId === undefined || instanceId === "") {
      if (method === "GET") return this.query(query);
      if (method === "DELETE") return this.purgeBy(query);
    } else if (operation === undefined) {
      if (method === "GET") return this.status(instanceId, query, origin);
      if (method === "DELETE") {
        const record = this.engine.get(instanceId);
        if (!record) return empty(404);
        // Only finished instances are purged (as the storage providers do); DurableClient reports 0 deleted.
        if (!isTerminal(record.runtimeStatus)) return empty(404);
        return jsonResponse(200, { instancesDeleted: this.engine.purge([instanceId]) });
      }
    } else if (method === "POST") {
      const reason = query.get("reason") ?? "";
      switch (operation) {
        case "raiseEvent":
          if (!eventName) return jsonResponse(400, { Message: "An event name is required." });
          this.engine.raiseEvent(instanceId, eventName, this.bodyJson(request));
          return empty(202);
        case "terminate":
          this.engine.terminate(instanceId, reason);
          return empty(202);
        case "suspend":
          this.engine.suspend(instanceId, reason);
          return empty(202);
        case "resume":
          this.engine.resume(instanceId, reason);
          return empty(202);
        case "rewind":
        case "restart":
          return jsonResponse(501, { Message: `${operation} is not supported by the Interlink dev host.` });
      }
    }
    return jsonResponse(404, { Message: `No Durable API route for ${method} ${segments.join("/")}` });
  }

  private bodyJson(request: HostRequest): string | null {
    const text = request.body.toString("utf8");
    if (text.trim() === "") return null;
    try {
      JSON.parse(text);
    } catch {
      throw new DurableError("badRequest", `The request body is not valid JSON (content-type ${singleHeader(request.headers, "content-type") ?? "none"}).`);
    }
    return text;
  }

  private status(instanceId: string, query: URLSearchParams, origin: string): HostResponse {
    const record = this.engine.get(instanceId);
    if (!record) return empty(404);
    const payload = statusPayload(record, { showInput: flag(query, "showInput", true), showHistory: flag(query, "showHistory", false), showHistoryOutput: flag(query, "showHistoryOutput", false) });
    const running: RuntimeStatus[] = ["Pending", "Running", "ContinuedAsNew", "Suspended"];
    if (running.includes(record.runtimeStatus)) {
      return jsonResponse(202, payload, { location: this.managementPayload(origin, instanceId).statusQueryGetUri as string, "retry-after": "5" });
    }
    if (record.runtimeStatus === "Failed" && flag(query, "returnInternalServerErrorOnFailure", false)) return jsonResponse(500, payload);
    return jsonResponse(200, payload);
  }

  private query(query: URLSearchParams): HostResponse {
    const top = Number(query.get("top") ?? "0");
    let records = this.engine.list().filter((record) => matchesFilter(record, query));
    records.sort((a, b) => a.createdTime.localeCompare(b.createdTime));
    if (top > 0) records = records.slice(0, top);
    const showInput = flag(query, "showInput", true);
    return jsonResponse(200, records.map((record) => statusPayload(record, { showInput })));
  }

  private purgeBy(query: URLSearchParams): HostResponse {
    if (!query.get("createdTimeFrom")) return jsonResponse(400, { Message: "createdTimeFrom is required." });
    const ids = this.engine.list().filter((record) => isTerminal(record.runtimeStatus) && matchesFilter(record, query)).map((record) => record.instanceId);
    const deleted = this.engine.purge(ids);
    return deleted === 0 ? empty(404) : jsonResponse(200, { instancesDeleted: deleted });
  }
}
