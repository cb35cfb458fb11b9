import type { FieldError } from "../../../shared/domain/problem";
import { html } from "../html";

interface Leaf {
  path: string;
  value: string;
}

/** Every leaf of the request as `a.b[0].c`, the way the API names fields in its errors. */
function leaves(value: unknown, path = ""): Leaf[] {
  if (Array.isArray(value)) return value.length === 0 ? [{ path, value: "[]" }] : value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? [{ path, value: "{}" }] : entries.flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
  }
  return [{ path, value: JSON.stringify(value) }];
}

/** An error belongs beside a field when it names that field or one of its parents (a missing child, a rule on a list). */
const belongs = (error: FieldError, leaf: Leaf) => error.path === leaf.path || leaf.path.startsWith(`${error.path}.`) || leaf.path.startsWith(`${error.path}[`);

/**
 * The pasted request as a list of fields, each with the API's validation errors beside it; errors about a field
 * the request does not have (a required one left out) are listed first, under their own path.
 */
export function RequestFields({ request, errors }: { request: unknown; errors: FieldError[] }) {
  const fields = leaves(request);
  const placed = new Set<FieldError>();
  const rows = fields.map((leaf) => {
    const own = errors.filter((error) => error.path !== "" && belongs(error, leaf) && !placed.has(error));
    own.forEach((error) => placed.add(error));
    return { leaf, own };
  });
  const unplaced = errors.filter((error) => !placed.has(error));
  return html`
    <table class="fields" data-testid="request-fields">
      <caption>The request, field by field${errors.length ? `: ${errors.length} problem(s)` : ""}</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Problem</th></tr></thead>
      <tbody>
        ${unplaced.map(
          (error) => html`<tr class="invalid" data-field=${error.path}>
            <th scope="row"><code>${error.path || "(whole request)"}</code></th>
            <td class="muted">missing</td>
            <td class="error-text">${error.message}</td>
          </tr>`,
        )}
        ${rows.map(
          ({ leaf, own }) => html`<tr class=${own.length ? "invalid" : undefined} data-field=${leaf.path}>
            <th scope="row"><code>${leaf.path}</code></th>
            <td><code>${leaf.value}</code></td>
            <td class="error-text">${own.map((error) => html`<div>${error.path === leaf.path ? "" : `${error.path}: `}${error.message}</div>`)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  `;
}
