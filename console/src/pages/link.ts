import { useState } from "preact/hooks";
import type { InterconnectDetail, OperationStatus } from "../../../shared/operations/view";
import { ApiError, get } from "../api";
import { Badge, ErrorNote } from "../components";
import { bandwidth, when } from "../format";
import { html } from "../html";
import { usePoll } from "../poll";
import { Actions } from "./actions";
import { HealthAndEvents } from "./health-events";
import { Timeline } from "./timeline";
import { Topology } from "./topology";

const TABS: Array<[string, string]> = [
  ["operation", "Operation"],
  ["topology", "Topology"],
  ["health", "Health and events"],
];
const BUSY_STATES = ["Provisioning", "Updating", "TearingDown"];

function OperationPanel({ detail }: { detail: InterconnectDetail }) {
  const latest = detail.currentOperation?.instanceId ?? detail.operations.at(-1)?.instanceId ?? null;
  const [chosen, setChosen] = useState<string | null>(null);
  const instanceId = chosen ?? latest;
  const status = usePoll(
    () => (instanceId ? get<OperationStatus>(`interconnects/${encodeURIComponent(detail.name)}/operations/${encodeURIComponent(instanceId)}`) : Promise.resolve(null)),
    (data) => (data && !data.done ? 2_000 : null),
    [detail.name, instanceId, detail.updatedAt],
  );
  if (!instanceId) return html`<p>No operation has run on ${detail.name}.</p>`;
  return html`
    ${detail.operations.length > 1
      ? html`<label class="inline"
          >Operation
          <select value=${instanceId} onChange=${(event: Event) => setChosen((event.target as HTMLSelectElement).value)}>
            ${[...detail.operations].reverse().map((operation) => html`<option value=${operation.instanceId}>${operation.operation} · ${operation.status} · ${when(operation.startedAt)}</option>`)}
          </select>
        </label>`
      : null}
    <${ErrorNote} error=${status.error} />
    ${status.data ? html`<${Timeline} status=${status.data} />` : html`<p role="status">Loading…</p>`}
  `;
}

export function LinkPage({ name, tab }: { name: string; tab: string }) {
  const detail = usePoll(() => get<InterconnectDetail>(`interconnects/${encodeURIComponent(name)}`), (data) => (data && (data.currentOperation || BUSY_STATES.includes(data.state)) ? 2_000 : 5_000), [name]);
  const data = detail.data;
  const gone = detail.error instanceof ApiError && detail.error.status === 404;
  return html`
    <p><a href="#/">← Links</a></p>
    <h1>${name} ${data ? html`<${Badge} value=${data.state} label="State" />` : null} ${data?.lastHealth ? html`<span class="h1-label">health</span> <${Badge} value=${data.lastHealth.verdict} label="Health" />` : null}</h1>
    ${gone ? html`<p role="status">No interconnect named ${name} (it may have been torn down). <a href="#/">Back to the links</a>.</p>` : html`<${ErrorNote} error=${detail.error} />`}
    ${data
      ? html`
          <p class="muted">
            ${data.spec.azure.region} ↔ ${data.spec.oci.region} · ${bandwidth(data.spec.azure.circuit.bandwidthMbps)} · ${data.spec.azure.circuit.peeringLocation}${data.spec.ticketId ? ` · ticket ${data.spec.ticketId}` : ""} ·
            updated ${when(data.updatedAt)}
          </p>
          ${data.lastError ? html`<div class="failure" role="alert"><strong>Last error: ${data.lastError.operation} failed at ${data.lastError.step}: ${data.lastError.code}</strong><p>${data.lastError.message}</p></div>` : null}
          <${Actions} detail=${data} onChanged=${detail.refresh} />
          <nav class="tabs" aria-label="Views of ${name}">
            ${TABS.map(([id, label]) => html`<a href=${`#/links/${encodeURIComponent(name)}/${id}`} aria-current=${tab === id ? "page" : undefined}>${label}</a>`)}
          </nav>
          ${tab === "topology" ? html`<${Topology} detail=${data} />` : tab === "health" ? html`<${HealthAndEvents} detail=${data} />` : html`<${OperationPanel} detail=${data} />`}
        `
      : detail.loading
        ? html`<p role="status">Loading…</p>`
        : null}
  `;
}
