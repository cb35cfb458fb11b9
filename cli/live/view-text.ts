import { type HealthReport } from "../../shared/domain/health";
import { SetupRequest } from "../../shared/domain/setup-request";
import { type InterconnectView, type OperatedView, type SummaryView } from "../api/schemas";
import { formatDuration, formatFailure, labelled, stepDuration, stepSymbol, table } from "./format";

/** `interlink status`: one row per interconnect. */
export function formatSummaryTable(summaries: SummaryView[]): string {
  if (summaries.length === 0) return "No interconnects.";
  const rows = summaries.map((summary) => [
    summary.name,
    summary.state,
    summary.bandwidthMbps === undefined ? "" : `${summary.bandwidthMbps} Mbps`,
    [summary.azureRegion, summary.ociRegion].filter(Boolean).join(" <-> "),
    summary.currentOperation ?? "-",
    summary.lastHealth ?? "-",
    summary.updatedAt ?? "",
  ]);
  return table([["NAME", "STATE", "BANDWIDTH", "REGIONS", "OPERATION", "HEALTH", "UPDATED"], ...rows]).join("\n");
}

/** `interlink status <name>`: state, what it runs on, the last operation and its steps, health and warnings. */
export function formatInterconnect(view: InterconnectView): string {
  const spec = SetupRequest.safeParse(view.spec);
  const facts: string[][] = [];
  if (spec.success) facts.push(["bandwidth", `${spec.data.azure.circuit.bandwidthMbps} Mbps, ${spec.data.azure.region} <-> ${spec.data.oci.region}`]);
  if (view.bgp) facts.push(["BGP", `primary ${view.bgp.primary.block}, secondary ${view.bgp.secondary.block}`]);
  if (view.lastHealth) facts.push(["health", `${view.lastHealth.verdict}${view.lastHealth.checkedAt ? `, checked ${view.lastHealth.checkedAt}` : ""}`]);
  return formatOperated(view, spec.success ? spec.data.ticketId : undefined, facts);
}

/**
 * One record in detail: `name: State (ticket)`, the given facts, then what every operated record has (the last
 * operation, the last error, the steps of the latest operation, the warnings).
 */
export function formatOperated(view: OperatedView, ticketId: string | undefined, facts: string[][]): string {
  const lines = [`${view.name}: ${view.state}${ticketId ? ` (ticket ${ticketId})` : ""}`];
  const rows = [...facts];
  const last = view.operations.at(-1);
  if (last) rows.push(["operation", `${last.operation} ${last.instanceId}: ${last.status}${last.startedAt ? `, started ${last.startedAt}` : ""}${last.endedAt ? `, ended ${last.endedAt}` : ""}`]);
  const error = last?.status === "Failed" ? (last.error ?? view.lastError ?? undefined) : (view.lastError ?? undefined);
  if (error) {
    const rolledBack = last?.rolledBack === undefined ? "" : last.rolledBack ? " (rolled back)" : " (not rolled back)";
    rows.push(["last error", `${last?.failedStep ?? error.step ?? "?"}: ${formatFailure(error)}${rolledBack}`]);
  }
  lines.push(...labelled(rows));
  if (view.steps.length > 0) {
    lines.push(`  steps${last ? ` of the ${last.operation}` : ""}:`);
    lines.push(
      ...table(
        view.steps.map((step) => {
          const took = stepDuration(step);
          return [`    ${stepSymbol(step.status)} ${step.id}`, step.status, took === undefined ? "" : formatDuration(took), step.detail ?? ""];
        }),
      ),
    );
  }
  if (view.warnings.length > 0) lines.push("  warnings:", ...view.warnings.map((warning) => `    - ${warning}`));
  return lines.join("\n");
}

export const orNone = (items: string[]) => (items.length === 0 ? "none" : items.join("; "));

/** `interlink health <name>`: the verdict, what was read on each side, and the reasons. */
export function formatHealth(report: HealthReport): string {
  const { azure, oci, security } = report;
  const circuit = azure.circuit;
  const virtualCircuit = oci.virtualCircuit;
  const rows = [
    ["ExpressRoute circuit", circuit.exists ? `${circuit.provisioningState ?? "?"}, provider ${circuit.serviceProviderProvisioningState ?? "?"}, circuit ${circuit.circuitProvisioningState ?? "?"}` : "missing"],
    ["private peering", azure.privatePeeringState ?? "none"],
    ["gateway connection", azure.connectionStatus ?? "none"],
    ["FastConnect circuit", virtualCircuit.exists ? `${virtualCircuit.lifecycleState ?? "?"}, provider ${virtualCircuit.providerState ?? "?"}, BGP ${virtualCircuit.bgpSessionState ?? "?"}` : "missing"],
    ["Azure learned", `primary ${orNone(azure.learnedVcnPrefixes.primary)}, secondary ${orNone(azure.learnedVcnPrefixes.secondary)}`],
    ["VCN routes to VNet", oci.vnetRoutesPresent ? "present" : `missing ${orNone(oci.missingRouteRules)}`],
    ["security drift", orNone(security.drift.map((drift) => `${drift.kind} ${drift.cloud} ${drift.rule}`))],
    ["exposure", orNone(security.exposure.map((finding) => `${finding.severity} ${finding.cloud} ${finding.code}: ${finding.message}`))],
    ...(report.suspended ? [["suspended", "yes: routes withdrawn on purpose"]] : []),
  ];
  return [
    `${report.name}: ${report.verdict} (checked ${report.checkedAt})`,
    ...labelled(rows),
    ...(report.reasons.length > 0 ? ["reasons:", ...report.reasons.map((reason) => `  - ${reason}`)] : []),
  ].join("\n");
}
