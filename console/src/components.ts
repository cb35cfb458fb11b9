import { type ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError } from "./api";
import { tone } from "./format";
import { html } from "./html";

export function Badge({ value, label }: { value: string | null | undefined; label?: string }) {
  const text = value ?? "unknown";
  return html`<span class=${`badge ${tone(text)}`} aria-label=${label ? `${label}: ${text}` : undefined}>${text}</span>`;
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError && error.status === 401 ? "The API refused the function key: enter one with Function key above." : error instanceof Error ? error.message : String(error);
  return html`<p class="error" role="alert">${message}</p>`;
}

/**
 * A modal confirmation (the native <dialog>: focus moves into it, Escape cancels). `children` say what will
 * happen; `confirmLabel` names the action on its button.
 */
export function ConfirmDialog(props: { title: string; confirmLabel: string; danger?: boolean; busy?: boolean; disabled?: boolean; onConfirm: () => void; onCancel: () => void; children: ComponentChildren }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return html`
    <dialog ref=${dialog} class="confirm" aria-labelledby="confirm-title" onCancel=${(event: Event) => (event.preventDefault(), props.onCancel())}>
      <h2 id="confirm-title">${props.title}</h2>
      <div class="confirm-body">${props.children}</div>
      <div class="actions">
        <button type="button" onClick=${props.onCancel}>Cancel</button>
        <button type="button" class=${props.danger ? "danger" : "primary"} disabled=${props.busy || props.disabled} onClick=${props.onConfirm}>${props.busy ? "Working…" : props.confirmLabel}</button>
      </div>
    </dialog>
  `;
}
