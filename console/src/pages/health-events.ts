import type { InterlinkEvent } from "../../../shared/domain/events";
import type { InterconnectDetail } from "../../../shared/operations/view";
import { get } from "../api";
import { Badge, ErrorNote } from "../components";
import { when } from "../format";
import { html } from "../html";
import { usePoll } from "../poll";

const field = (detail: Record<string, unknown>, key: string) => (typeof detail[key] === "string" ? (detail[key] as string) : undefined);

function summary(event: InterlinkEvent): string {
  const detail = event.detail;
  if (event.outcome === "health-changed") return `${field(detail, "from") ?? "?"} → ${field(detail, "to") ?? "?"}`;
  const step = field(detail, "step");
  const code = field(detail, "code");
  const message = field(detail, "message");
  if (event.outcome === "failed") return [step, code, message].filter(Boolean).join(": ");
  return field(detail, "instanceId") ?? "";
}

function Report({ detail }: { detail: InterconnectDetail }) {
  const report = detail.lastHealth;
  if (!report) return html`<p>Not checked yet. The health sweep checks every Active, Degraded or Suspended interconnect; Check health now runs one at once.</p>`;
  return html`
    <dl class="facts">
      <dt>Verdict</dt><dd><${Badge} value=${report.verdict} label="Verdict" /> checked ${when(report.checkedAt)}</dd>
      <dt>Reasons</dt><dd>${report.reasons.length ? html`<ul>${report.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : "none"}</dd>
      <dt>ExpressRoute circuit</dt><dd>${report.azure.circuit.serviceProviderProvisioningState ?? "?"}, private peering ${report.azure.privatePeeringState ?? "?"}, connection ${report.azure.connectionStatus ?? "?"}</dd>
      <dt>Virtual circuit</dt><dd>${report.oci.virtualCircuit.lifecycleState ?? "?"}, provider ${report.oci.virtualCircuit.providerState ?? "?"}, BGP ${report.oci.virtualCircuit.bgpSessionState ?? "?"}</dd>
      <dt>Azure learned</dt><dd>primary ${report.azure.learnedVcnPrefixes.primary.join(", ") || "nothing"}; secondary ${report.azure.learnedVcnPrefixes.secondary.join(", ") || "nothing"}</dd>
      <dt>Security</dt><dd>${report.security.drift.length} drifted rule(s), ${report.security.exposure.length} exposure finding(s)</dd>
    </dl>
  `;
}

/** The last report, the history of verdict changes (health-changed events) and every event of the link. */
export function HealthAndEvents({ detail }: { detail: InterconnectDetail }) {
  const events = usePoll(() => get<{ value: InterlinkEvent[] }>(`interconnects/${encodeURIComponent(detail.name)}/events?limit=200`), () => 5_000, [detail.name]);
  const all = events.data?.value ?? [];
  const changes = all.filter((event) => event.outcome === "health-changed");
  return html`
    <section aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      <${Report} detail=${detail} />
      <h3>Health history</h3>
      <${ErrorNote} error=${events.error} />
      ${changes.length === 0
        ? html`<p class="muted">No change of verdict recorded yet.</p>`
        : html`<ol class="history" data-testid="health-history">
            ${changes.map(
              (event) => html`<li>
                <time datetime=${event.at}>${when(event.at)}</time> <${Badge} value=${field(event.detail, "from")} /> → <${Badge} value=${field(event.detail, "to")} />
                ${Array.isArray(event.detail.reasons) && event.detail.reasons.length ? html`<div class="muted">${(event.detail.reasons as unknown[]).map(String).join("; ")}</div>` : null}
              </li>`,
            )}
          </ol>`}
    </section>
    <section aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      ${all.length === 0
        ? html`<p class="muted">${events.loading ? "Loading…" : "No events yet."}</p>`
        : html`<table class="events" data-testid="events">
            <caption class="visually-hidden">Events, newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Ticket</th><th scope="col">Detail</th></tr></thead>
            <tbody>
              ${all.map(
                (event) => html`<tr data-outcome=${event.outcome}>
                  <td><time datetime=${event.at}>${when(event.at)}</time></td>
                  <td>${event.action}</td>
                  <td><${Badge} value=${event.outcome} /></td>
                  <td>${event.ticketId ?? ""}</td>
                  <td>${summary(event)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>
  `;
}
