import { VpnLinkRequest } from "../../shared/domain/vpn-link";
import { type VpnHealthView, type VpnLinkView, type VpnPlanView, type VpnSummaryView } from "../api/vpn-schemas";
import { labelled, table } from "./format";
import { formatOperated, orNone } from "./view-text";

/** The text of the VPN link commands. Keys never appear: the API sends none, and nothing here reads one. */

const bgpLine = (tunnel: { tunnel: number; block: string; oracleAddress: string; oracleAsn: number; azureApipaAddress: string; azureAsn: number }) =>
  `tunnel ${tunnel.tunnel} ${tunnel.block}: Oracle ${tunnel.oracleAddress} (ASN ${tunnel.oracleAsn}), Azure ${tunnel.azureApipaAddress} (ASN ${tunnel.azureAsn})`;

/** The plan as `interlink vpn apply` shows it before asking: the steps, what each cloud gets, the addressing and how keys are kept. */
export function formatVpnPlan(plan: VpnPlanView): string {
  const lines = [`Interlink will set up the ${plan.type} VPN link ${plan.name}:`, ""];
  for (const step of plan.steps) lines.push(`  ${step.id}: ${step.title}${step.dependsOn.length > 0 ? ` (after ${step.dependsOn.join(", ")})` : ""}`);
  const { azure, oci } = plan.resources;
  const rows = [
    ["Azure VPN gateway", azure.gateways.join("; ")],
    ["gateway public IP", azure.publicIps.join(", ")],
    ...(azure.localNetworkGateways.length > 0 ? [["local network gateways", azure.localNetworkGateways.join(", ")]] : []),
    ...(azure.connections.length > 0 ? [["connections", azure.connections.join(", ")]] : []),
    ...(oci ? [["OCI CPE", oci.cpe], ["IPSec connection", `${oci.ipsecConnection} (tunnels ${oci.tunnels.join(", ")})`]] : []),
    ...(plan.routing ? [["routing", plan.routing]] : []),
    ...(plan.bgp ?? []).map((tunnel) => ["BGP", bgpLine(tunnel)]),
    ...(plan.clientAddressPool ? [["client address pool", plan.clientAddressPool.join(", ")]] : []),
    ...(plan.sharedKeys ? [["keys", plan.sharedKeys]] : []),
  ];
  lines.push("", ...labelled(rows));
  return lines.join("\n");
}

/** `interlink vpn status`: one row per VPN link. */
export function formatVpnList(summaries: VpnSummaryView[]): string {
  if (summaries.length === 0) return "No VPN links.";
  const rows = summaries.map((summary) => [
    summary.name,
    summary.type ?? "",
    summary.state,
    summary.routing ?? "-",
    summary.azureVnets.join(", "),
    summary.ociVcn ?? "-",
    summary.currentOperation ?? "-",
    summary.lastHealth ?? "-",
    summary.carriedBy ?? "-",
    summary.updatedAt ?? "",
  ]);
  return table([["NAME", "TYPE", "STATE", "ROUTING", "AZURE VNETS", "OCI VCN", "OPERATION", "HEALTH", "CARRIED BY", "UPDATED"], ...rows]).join("\n");
}

/** Where a point-to-site link's VPN client package can be downloaded, when Interlink has generated one. */
export function clientPackageOf(view: VpnLinkView): string | undefined {
  const url = view.resources.clientPackageUrl;
  return typeof url === "string" && url !== "" ? url : undefined;
}

/** `interlink vpn status <name>`: what it joins, its addressing, health, client package, last operation and steps. */
export function formatVpnLink(view: VpnLinkView): string {
  const spec = VpnLinkRequest.safeParse(view.spec);
  const facts: string[][] = [];
  if (spec.success) {
    const request = spec.data;
    facts.push(["type", request.type]);
    if (request.type === "vnet-to-vnet") facts.push(["VNets", request.vnets.map((side) => `${side.vnet.name} (${side.region})`).join(" <-> ")]);
    else facts.push(["VNet", `${request.azure.vnet.name} (${request.azure.region}), gateway ${request.azure.gateway.sku}`]);
    if (request.type === "azure-oci") facts.push(["VCN", `${request.oci.vcnId} (${request.oci.region})`], ["routing", request.routing.mode]);
    if (request.type === "point-to-site") facts.push(["client address pool", request.clientAddressPool.join(", ")]);
  }
  facts.push(...(view.bgp ?? []).map((tunnel) => ["BGP", bgpLine(tunnel)]));
  if (view.lastHealth) facts.push(["health", `${view.lastHealth.verdict}${view.lastHealth.carriedBy ? `, traffic over ${view.lastHealth.carriedBy}` : ""}${view.lastHealth.checkedAt ? `, checked ${view.lastHealth.checkedAt}` : ""}`]);
  const clientPackage = clientPackageOf(view);
  if (clientPackage) facts.push(["client package", clientPackage]);
  if (view.links.clientCertificates) facts.push(["client certificates", `POST ${view.links.clientCertificates}`]);
  return formatOperated(view, spec.success ? spec.data.ticketId : undefined, facts);
}

/** `interlink vpn health <name>`: the verdict, each tunnel, which path carries the traffic, the routes learned, the problems. */
export function formatVpnHealth(report: VpnHealthView, name: string): string {
  const rows = [
    ...report.tunnels.map((tunnel) => [
      tunnel.tunnel,
      [tunnel.status, tunnel.bgp ? `BGP ${tunnel.bgp}` : undefined, tunnel.azureConnection ? `Azure ${tunnel.azureConnection}` : undefined, tunnel.reason].filter(Boolean).join(", "),
    ]),
    ...(report.carriedBy ? [["carried by", report.carriedBy]] : []),
    ...(report.routesLearned ? [["Azure learned", orNone(report.routesLearned.azure)], ["OCI learned", orNone(report.routesLearned.oci)]] : []),
  ];
  return [
    `${name}: ${report.verdict}${report.checkedAt ? ` (checked ${report.checkedAt})` : ""}`,
    ...labelled(rows),
    ...(report.problems.length > 0 ? ["problems:", ...report.problems.map((problem) => `  - ${problem}`)] : []),
  ].join("\n");
}
