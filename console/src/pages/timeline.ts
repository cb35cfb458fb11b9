import type { StepProgress } from "../../../shared/domain/progress";
import type { OperationStatus } from "../../../shared/operations/view";
import { Badge } from "../components";
import { duration, when } from "../format";
import { html } from "../html";

const elapsed = (from: string | undefined, to: string | undefined) => (from && to ? duration(Date.parse(to) - Date.parse(from)) : null);

/**
 * What a running step is doing. Times are the server's (the dev stack's clock runs faster than the wall clock),
 * so "how long" is measured up to the operation's last update, the last time a check reported back.
 */
function RunningNote({ step, lastUpdatedAt }: { step: StepProgress; lastUpdatedAt: string | undefined }) {
  const waiting = step.detail?.startsWith("waiting") || step.detail?.startsWith("poll");
  const sinceText = step.startedAt ? `since ${when(step.startedAt)}` : "";
  const forText = elapsed(step.startedAt, lastUpdatedAt);
  const next = step.nextCheckAt;
  const nextIn = elapsed(lastUpdatedAt, next);
  return html`<p class="running-note">
    ${waiting || next ? "Waiting" : "Running"} ${sinceText}${forText ? ` (${forText} at the last check, ${when(lastUpdatedAt)})` : ""}.
    ${next
      ? html` <span data-testid="next-check"
          >${lastUpdatedAt && Date.parse(next) <= Date.parse(lastUpdatedAt) ? `Checking again now (due ${when(next)}).` : `Next check ${nextIn ? `in ${nextIn}, ` : ""}at ${when(next)}.`}</span
        >`
      : null}
  </p>`;
}

function Step({ step, status }: { step: StepProgress; status: OperationStatus }) {
  const failed = step.status === "failed" && status.error?.step === step.id ? status.error : null;
  const took = step.status !== "running" ? elapsed(step.startedAt, step.endedAt) : null;
  return html`
    <li class=${`step ${step.status}`} data-step=${step.id} aria-current=${status.step === step.id && !status.done ? "step" : undefined}>
      <div class="step-head">
        <span class="step-title">${step.title}</span>
        <${Badge} value=${step.status} label=${step.title} />
        ${took ? html`<span class="muted">${took}</span>` : null}
      </div>
      ${step.detail ? html`<div class="step-detail">${step.detail}</div>` : null}
      ${step.status === "running" ? html`<${RunningNote} step=${step} lastUpdatedAt=${status.lastUpdatedAt} />` : null}
      ${failed
        ? html`<div class="failure" role="alert">
            <strong>${failed.cloud === "interlink" ? "Interlink" : failed.cloud === "azure" ? "Azure" : "OCI"} error ${failed.code}</strong>
            <p>${failed.message}</p>
          </div>`
        : null}
    </li>
  `;
}

/** The steps of one operation in order; rollback steps (a failed setup undoing its work) in a list of their own. */
export function Timeline({ status }: { status: OperationStatus }) {
  const rollback = status.steps.filter((step) => step.id === "rollback" || step.id.startsWith("rollback"));
  const forward = status.steps.filter((step) => !rollback.includes(step));
  const compensated = forward.filter((step) => step.status === "compensated");
  return html`
    <section aria-labelledby="timeline-title" class="timeline" data-result=${status.result}>
      <h2 id="timeline-title">
        ${status.operation} <span class="muted">${status.instanceId}</span> <${Badge} value=${status.result} label="Result" />
      </h2>
      <p class="muted">
        Started ${when(status.createdAt)}${status.lastUpdatedAt ? html`, last update ${when(status.lastUpdatedAt)}` : null}${status.state ? html`; the interconnect is <${Badge} value=${status.state} />` : null}
      </p>
      ${status.error && !status.steps.some((step) => step.id === status.error?.step)
        ? html`<div class="failure" role="alert"><strong>${status.error.step}: ${status.error.code}</strong><p>${status.error.message}</p></div>`
        : null}
      <ol class="steps" aria-live="polite">
        ${forward.map((step) => html`<${Step} step=${step} status=${status} />`)}
      </ol>
      ${rollback.length > 0 || compensated.length > 0
        ? html`<h3>Rollback</h3>
            <p>${status.rolledBack === true ? "Everything the setup created was removed." : status.rolledBack === false ? "The rollback left resources behind: DELETE the interconnect to remove them." : "Undoing what the failed operation created."}</p>
            ${compensated.length > 0 ? html`<p class="muted">Undone: ${compensated.map((step) => step.title).join(", ")}</p>` : null}
            <ol class="steps">${rollback.map((step) => html`<${Step} step=${step} status=${status} />`)}</ol>`
        : null}
    </section>
  `;
}
