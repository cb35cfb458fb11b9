import { useState } from "preact/hooks";
import type { InterconnectSummary } from "../../../shared/operations/view";
import { get, loadCapabilities } from "../api";
import { Badge, ErrorNote } from "../components";
import { bandwidth, when } from "../format";
import { html } from "../html";
import { usePoll } from "../poll";

/** One row of the table: an interconnect, or a link of another kind (VPN links where the API has them). */
interface Row {
  kind: string;
  name: string;
  state: string;
  health: string | null;
  lastCheckedAt: string | null;
  bandwidthMbps: number | undefined;
  regions: string;
  href: string | null;
  running: boolean;
  lastError: string | null;
}

const interconnectRow = (link: InterconnectSummary): Row => ({
  kind: "Interconnect",
  name: link.name,
  state: link.state,
  health: link.lastHealth,
  lastCheckedAt: link.lastCheckedAt ?? null,
  bandwidthMbps: link.bandwidthMbps,
  regions: `${link.azureRegion} ↔ ${link.ociRegion}`,
  href: `#/links/${encodeURIComponent(link.name)}`,
  running: link.currentOperation !== null,
  lastError: link.lastError ? `${link.lastError.step}: ${link.lastError.code}` : null,
});

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Other link kinds are read defensively: only the fields every kind has are shown. */
function otherRow(kind: string, value: unknown): Row | null {
  if (typeof value !== "object" || value === null) return null;
  const link = value as Record<string, unknown>;
  const name = text(link.name);
  if (!name) return null;
  const regions = [text(link.azureRegion), text(link.ociRegion) ?? text(link.peerRegion)].filter(Boolean).join(" ↔ ");
  return {
    kind,
    name,
    state: text(link.state) ?? "unknown",
    health: text(link.lastHealth) ?? null,
    lastCheckedAt: text(link.lastCheckedAt) ?? null,
    bandwidthMbps: typeof link.bandwidthMbps === "number" ? link.bandwidthMbps : undefined,
    regions: regions || "",
    href: null,
    running: typeof link.currentOperation === "string",
    lastError: null,
  };
}

async function loadRows(): Promise<Row[]> {
  const interconnects = await get<{ value: InterconnectSummary[] }>("interconnects");
  // VPN links appear once this Interlink serves them (its OpenAPI document lists the route).
  const vpn = (await loadCapabilities()).vpnLinks ? await get<{ value?: unknown[] }>("vpn-links") : { value: [] };
  return [...interconnects.value.map(interconnectRow), ...(vpn.value ?? []).map((link) => otherRow("VPN", link)).filter((row): row is Row => row !== null)];
}

type SortKey = "name" | "state" | "health" | "lastCheckedAt" | "bandwidthMbps" | "regions";
const COLUMNS: Array<[SortKey, string]> = [
  ["name", "Name"],
  ["state", "State"],
  ["health", "Health"],
  ["lastCheckedAt", "Last check"],
  ["bandwidthMbps", "Bandwidth"],
  ["regions", "Regions (Azure ↔ OCI)"],
];

function compare(a: Row, b: Row, key: SortKey): number {
  const left = a[key] ?? "";
  const right = b[key] ?? "";
  return typeof left === "number" && typeof right === "number" ? left - right : String(left).localeCompare(String(right));
}

function EmptyState() {
  return html`
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No interconnects yet</h2>
      <p>An interconnect joins an Azure VNet and an OCI VCN: an ExpressRoute circuit, a FastConnect virtual circuit, two BGP sessions, the DRG, routes and rules.</p>
      <p><a class="button primary" href="#/new">Set one up</a> from a request (paste or upload it; plan it first to see every step), or from a terminal:</p>
      <pre><code>npx interlink apply test/fixtures/design-example.json --yes</code></pre>
    </section>
  `;
}

export function LinksPage() {
  const rows = usePoll(loadRows, (data) => (data?.some((row) => row.running) ? 2_000 : 10_000), []);
  const [filter, setFilter] = useState("");
  const [stateFilter, setStateFilter] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "name", ascending: true });

  const all = rows.data ?? [];
  const states = [...new Set(all.map((row) => row.state))].sort();
  const needle = filter.trim().toLowerCase();
  const shown = all
    .filter((row) => !stateFilter || row.state === stateFilter)
    .filter((row) => !needle || [row.name, row.state, row.health ?? "", row.regions, row.kind].some((value) => value.toLowerCase().includes(needle)))
    .sort((a, b) => (sort.ascending ? 1 : -1) * compare(a, b, sort.key));
  const sortBy = (key: SortKey) => setSort({ key, ascending: sort.key === key ? !sort.ascending : true });

  return html`
    <h1>Links</h1>
    <${ErrorNote} error=${rows.error} />
    ${rows.loading && !rows.data
      ? html`<p role="status">Loading…</p>`
      : all.length === 0 && !rows.error
        ? html`<${EmptyState} />`
        : html`
            <div class="filters" role="search">
              <label>Filter <input type="search" value=${filter} placeholder="name, region, state" onInput=${(event: Event) => setFilter((event.target as HTMLInputElement).value)} /></label>
              <label
                >State
                <select value=${stateFilter} onChange=${(event: Event) => setStateFilter((event.target as HTMLSelectElement).value)}>
                  <option value="">any</option>
                  ${states.map((state) => html`<option value=${state}>${state}</option>`)}
                </select>
              </label>
              <span class="muted" role="status">${shown.length} of ${all.length}</span>
            </div>
            <table class="links">
              <caption class="visually-hidden">Links, sortable by column</caption>
              <thead>
                <tr>
                  ${COLUMNS.map(
                    ([key, label]) => html`<th scope="col" aria-sort=${sort.key === key ? (sort.ascending ? "ascending" : "descending") : "none"}>
                      <button type="button" class="sort" onClick=${() => sortBy(key)}>${label}${sort.key === key ? (sort.ascending ? " ▲" : " ▼") : ""}</button>
                    </th>`,
                  )}
                  <th scope="col">Kind</th>
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (row) => html`<tr data-link=${row.name}>
                    <th scope="row">${row.href ? html`<a href=${row.href}>${row.name}</a>` : row.name}</th>
                    <td><${Badge} value=${row.state} />${row.running ? html` <span class="muted">operation running</span>` : null}${row.lastError ? html`<div class="muted">${row.lastError}</div>` : null}</td>
                    <td><${Badge} value=${row.health ?? "not checked"} /></td>
                    <td>${row.lastCheckedAt ? when(row.lastCheckedAt) : "never"}</td>
                    <td>${bandwidth(row.bandwidthMbps)}</td>
                    <td>${row.regions}</td>
                    <td>${row.kind}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          `}
  `;
}
