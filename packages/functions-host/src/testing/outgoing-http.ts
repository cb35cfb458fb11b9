// Counts this process's outgoing HTTP requests still waiting for their answers (node:http and fetch), so a
// virtual clock can tell work that waits on real I/O from work that only waits for virtual time.
import diagnosticsChannel from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

export class OutgoingHttp {
  private pendingRequests = 0;
  private events = 0;
  private readonly onHttpStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    this.opened();
    request.once("close", () => this.closed());
  };
  private readonly onFetchStart = () => this.opened();
  private readonly onFetchEnd = () => this.closed();

  constructor() {
    diagnosticsChannel.subscribe("http.client.request.start", this.onHttpStart);
    diagnosticsChannel.subscribe("undici:request:create", this.onFetchStart);
    diagnosticsChannel.subscribe("undici:request:trailers", this.onFetchEnd);
    diagnosticsChannel.subscribe("undici:request:error", this.onFetchEnd);
  }

  /** Requests sent and not yet answered in full. */
  get pending(): number {
    return this.pendingRequests;
  }

  /** Requests started or finished so far (a caller compares two readings to tell whether anything moved). */
  get changes(): number {
    return this.events;
  }

  dispose(): void {
    diagnosticsChannel.unsubscribe("http.client.request.start", this.onHttpStart);
    diagnosticsChannel.unsubscribe("undici:request:create", this.onFetchStart);
    diagnosticsChannel.unsubscribe("undici:request:trailers", this.onFetchEnd);
    diagnosticsChannel.unsubscribe("undici:request:error", this.onFetchEnd);
  }

  private opened(): void {
    this.pendingRequests++;
    this.events++;
  }

  private closed(): void {
    this.pendingRequests--;
    this.events++;
  }
}
