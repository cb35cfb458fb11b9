import { useState } from "preact/hooks";
import type { FieldError } from "../../../shared/domain/problem";
import type { InterconnectPlan } from "../../../shared/domain/dry-run";
import { ApiError, request } from "../api";
import { ConfirmDialog, ErrorNote } from "../components";
import { html } from "../html";
import { RequestFields } from "./request-fields";

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parse(text: string): Parsed {
  if (!text.trim()) return { ok: false, message: "Paste a setup request (JSON) or choose a file." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function PlanView({ plan }: { plan: InterconnectPlan }) {
  return html`
    <section aria-labelledby="plan-title" data-testid="plan">
      <h2 id="plan-title">Plan for ${plan.name} (dry run: nothing was touched)</h2>
      ${plan.warnings.length ? html`<div class="warning" role="note"><strong>Warnings</strong><ul>${plan.warnings.map((warning) => html`<li>${warning}</li>`)}</ul></div>` : null}
      <p>BGP: primary ${plan.bgp.primary.block} (Azure ${plan.bgp.primary.azureAddress}, Oracle ${plan.bgp.primary.oracleAddress}); secondary ${plan.bgp.secondary.block} (Azure ${plan.bgp.secondary.azureAddress}, Oracle ${plan.bgp.secondary.oracleAddress})</p>
      <ol class="plan-steps">
        ${plan.setup.map(
          (step) => html`<li>
            <strong>${step.title}</strong>${step.dependsOn.length ? html` <span class="muted">after ${step.dependsOn.join(", ")}</span>` : null}
            <ul>${step.resources.map((resource) => html`<li><span class="tag">${resource.action}</span> ${resource.cloud === "azure" ? "Azure" : "OCI"} ${resource.kind} <code>${resource.name}</code></li>`)}</ul>
          </li>`,
        )}
      </ol>
    </section>
  `;
}

/** The setup's first step records the interconnect: until then its page would have nothing to show. */
async function recorded(name: string, instanceId: string): Promise<void> {
  const status = `interconnects/${encodeURIComponent(name)}/operations/${encodeURIComponent(instanceId)}`;
  for (let attempt = 0; attempt < 60; attempt++) {
    const body = (await request<{ state: string | null; done: boolean }>("GET", status)).body;
    if (body.state !== null || body.done) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Set up an interconnect from a pasted or uploaded request: validate and plan (dry run) first, then start it. */
export function NewLinkPage() {
  const [text, setText] = useState("");
  const [plan, setPlan] = useState<InterconnectPlan | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const parsed = parse(text);

  const edit = (value: string) => {
    setText(value);
    setPlan(null);
    setErrors([]);
    setFailure(null);
  };
  const upload = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) edit(await file.text());
  };
  const fail = (error: unknown) => {
    setErrors(error instanceof ApiError ? error.fieldErrors : []);
    setFailure(error);
  };
  const planIt = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    try {
      setPlan((await request<InterconnectPlan>("POST", "interconnects/plan", parsed.value)).body);
      setErrors([]);
      setFailure(null);
    } catch (error) {
      setPlan(null);
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    try {
      const started = (await request<{ name: string; instanceId: string }>("POST", "interconnects", parsed.value)).body;
      await recorded(started.name, started.instanceId);
      location.hash = `#/links/${encodeURIComponent(started.name)}/operation`;
    } catch (error) {
      setConfirming(false);
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return html`
    <h1>New interconnect</h1>
    <p>Paste a setup request or choose a JSON file. <strong>Plan</strong> checks it and shows every step without touching anything; <strong>Start setup</strong> asks once more, then starts it.</p>
    <div class="request-editor">
      <label for="request-json">Setup request (JSON)</label>
      <textarea id="request-json" rows="16" spellcheck="false" aria-describedby="request-parse" value=${text} onInput=${(event: Event) => edit((event.target as HTMLTextAreaElement).value)}></textarea>
      <p id="request-parse" class=${parsed.ok ? "muted" : "error-text"}>${parsed.ok ? "JSON parsed." : parsed.message}</p>
      <label for="request-file">Or upload a file</label>
      <input id="request-file" type="file" accept="application/json,.json" onChange=${upload} />
    </div>
    <div class="actions">
      <button type="button" disabled=${!parsed.ok || busy} onClick=${planIt}>Plan (dry run)</button>
      <button type="button" class="primary" disabled=${!parsed.ok || busy} onClick=${() => setConfirming(true)}>Start setup…</button>
    </div>
    <${ErrorNote} error=${failure} />
    ${parsed.ok && (errors.length > 0 || plan) ? html`<${RequestFields} request=${parsed.value} errors=${errors} />` : null}
    ${plan ? html`<${PlanView} plan=${plan} />` : null}
    ${confirming && parsed.ok
      ? html`<${ConfirmDialog} title="Start the setup" confirmLabel="Start setup" busy=${busy} onCancel=${() => setConfirming(false)} onConfirm=${start}>
          <p>
            Interlink creates the ExpressRoute circuit, the FastConnect virtual circuit, the gateway, DRG, routes and rules for
            <strong>${String((parsed.value as { name?: unknown }).name ?? "this request")}</strong>. It takes as long as the providers take (about 30-60 minutes against the real clouds) and can be followed on the next page.
          </p>
        <//>`
      : null}
  `;
}
