import { useState } from "preact/hooks";
import type { InterconnectDetail } from "../../../shared/operations/view";
import { request } from "../api";
import { ConfirmDialog, ErrorNote } from "../components";
import { bandwidth } from "../format";
import { html } from "../html";

const BANDWIDTHS = [1000, 2000, 5000, 10000];
type Action = "resize" | "suspend" | "resume" | "teardown" | null;

/** The changes an operator can make to one interconnect, each behind a confirmation that says what will happen. */
export function Actions({ detail, onChanged }: { detail: InterconnectDetail; onChanged: () => void }) {
  const [open, setOpen] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const current = detail.spec.azure.circuit.bandwidthMbps;
  const [size, setSize] = useState(BANDWIDTHS.find((value) => value > current) ?? current);
  const [typedName, setTypedName] = useState("");
  const running = detail.currentOperation !== null;
  const built = ["Active", "Degraded"].includes(detail.state);

  const run = async (label: string, method: string, path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const response = await request<{ instanceId?: string }>(method, path, body);
      setNotice(response.body?.instanceId ? `${label} started: ${response.body.instanceId}` : `${label} done`);
      setOpen(null);
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const base = `interconnects/${encodeURIComponent(detail.name)}`;

  return html`
    <section class="action-bar" aria-label="Actions">
      <button type="button" disabled=${busy || !built} onClick=${() => run("Health check", "POST", `${base}/health`)}>Check health now</button>
      <button type="button" disabled=${running || !built} onClick=${() => setOpen("resize")}>Resize…</button>
      ${detail.state === "Suspended"
        ? html`<button type="button" disabled=${running} onClick=${() => setOpen("resume")}>Resume…</button>`
        : html`<button type="button" disabled=${running || !built} onClick=${() => setOpen("suspend")}>Suspend…</button>`}
      <button type="button" class="danger" disabled=${running || detail.state === "Deleted"} onClick=${() => (setTypedName(""), setOpen("teardown"))}>Tear down…</button>
      <span role="status" class="muted">${notice}</span>
      ${open === null ? html`<${ErrorNote} error=${error} />` : null}
    </section>
    ${open === "resize"
      ? html`<${ConfirmDialog} title=${`Resize ${detail.name}`} confirmLabel=${`Resize to ${bandwidth(size)}`} busy=${busy} disabled=${size === current} onCancel=${() => setOpen(null)} onConfirm=${() => run("Resize", "PATCH", base, { bandwidthMbps: size })}>
          <p>Both circuits change bandwidth in place: now ${bandwidth(current)}. ExpressRoute cannot shrink in place, so a decrease is refused with the reason.</p>
          <label for="resize-bandwidth">New bandwidth</label>
          <select id="resize-bandwidth" value=${size} onChange=${(event: Event) => setSize(Number((event.target as HTMLSelectElement).value))}>
            ${BANDWIDTHS.map((value) => html`<option value=${value}>${bandwidth(value)}</option>`)}
          </select>
          <${ErrorNote} error=${error} />
        <//>`
      : null}
    ${open === "suspend"
      ? html`<${ConfirmDialog} title=${`Suspend ${detail.name}`} confirmLabel="Suspend" busy=${busy} onCancel=${() => setOpen(null)} onConfirm=${() => run("Suspend", "POST", `${base}/suspend`)}>
          <p>Traffic stops: the route rules are withdrawn on both sides. The circuits stay (and are still billed); Resume restores the routes.</p>
          <${ErrorNote} error=${error} />
        <//>`
      : null}
    ${open === "resume"
      ? html`<${ConfirmDialog} title=${`Resume ${detail.name}`} confirmLabel="Resume" busy=${busy} onCancel=${() => setOpen(null)} onConfirm=${() => run("Resume", "POST", `${base}/resume`)}>
          <p>The route rules come back and the connection is tested again.</p>
          <${ErrorNote} error=${error} />
        <//>`
      : null}
    ${open === "teardown"
      ? html`<${ConfirmDialog}
          title=${`Tear down ${detail.name}`}
          confirmLabel="Tear down"
          danger
          busy=${busy}
          disabled=${typedName !== detail.name}
          onCancel=${() => setOpen(null)}
          onConfirm=${() => run("Teardown", "DELETE", base)}
        >
          <p>In order: routes and rules, the gateway connection, the FastConnect virtual circuit, wait for the provider to release it, the ExpressRoute circuit; then the gateway, DRG and GatewaySubnet only if Interlink created them and nothing else uses them.</p>
          <label for="teardown-name">Type <strong>${detail.name}</strong> to confirm</label>
          <input id="teardown-name" autocomplete="off" value=${typedName} onInput=${(event: Event) => setTypedName((event.target as HTMLInputElement).value)} />
          <${ErrorNote} error=${error} />
        <//>`
      : null}
  `;
}
