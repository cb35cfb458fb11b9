import { currentTime } from "../config/clock";
import { type CloudPorts } from "../clouds/ports";
import { p2sRootCertificateName } from "../domain/p2s-root";
import { vpnResourceNames } from "../domain/vpn-link";
import { type VpnHealthReport, type VpnLinkRecord } from "../domain/vpn-link-record";
import { type EventSink } from "../events/sink";
import { type AlertWebhook } from "../events/webhook";
import { type RecordStore } from "../inventory/store";
import { p2sHealth, vnet2vnetHealth, vpnHealth } from "./vpn-health";

export interface VpnCheckDeps {
  clouds: CloudPorts;
  vpnLinks: RecordStore<VpnLinkRecord>;
  events: EventSink;
  webhook?: AlertWebhook | undefined;
}

/** The states whose VPN links a sweep checks. */
export const CHECKED_VPN_STATES = ["Active", "Degraded"] as const;

/**
 * Checks one VPN link, stores the report as its lastHealth and, when the verdict changed (a link never checked
 * counts as healthy), raises `health-changed` (webhook, then event). Active <-> Degraded follows the verdict while
 * no operation runs on the link, as for interconnects.
 */
export async function checkVpnLink(deps: VpnCheckDeps, record: VpnLinkRecord, checkId: string, now = currentTime()): Promise<VpnHealthReport> {
  const report = await lookAt(deps, record, now);
  const { spec } = record;
  const previous = record.lastHealth?.verdict ?? "healthy";
  if (previous !== report.verdict) {
    const eventId = `vpn.${record.name}:health-changed:${checkId}`;
    const detail = { resource: "vpn-link", from: previous, to: report.verdict, reasons: report.problems, carriedBy: report.carriedBy, checkedAt: report.checkedAt };
    await deps.webhook?.send({ eventId, name: record.name, ticketId: spec.ticketId, event: "health-changed", ...detail }, eventId);
    await deps.events.emit({ eventId, ...(spec.ticketId ? { ticketId: spec.ticketId } : {}), name: record.name, action: "vpn-link.health", outcome: "health-changed", detail, at: report.checkedAt });
  }
  await deps.vpnLinks.update(record.name, (current) => {
    if (!current || current.state === "Deleted") return null;
    const next: VpnLinkRecord = { ...current, lastHealth: report, updatedAt: report.checkedAt };
    if (!current.operations.some((operation) => operation.status === "Running")) {
      if (current.state === "Active" && report.verdict !== "healthy") next.state = "Degraded";
      if (current.state === "Degraded" && report.verdict === "healthy") next.state = "Active";
    }
    return next;
  });
  return report;
}

/** One look at the link in the clouds, by its type. */
async function lookAt(deps: VpnCheckDeps, record: VpnLinkRecord, now: Date): Promise<VpnHealthReport> {
  const { spec, resources } = record;
  if (spec.type === "vnet-to-vnet") {
    const names = vpnResourceNames(spec.name, "");
    const sides = spec.vnets.map((side, index) => ({ azure: deps.clouds.azure(side.subscriptionId), resourceGroup: side.resourceGroup, vnet: side.vnet.name, connection: names.connection(index) }));
    return vnet2vnetHealth(sides, now);
  }
  const azure = deps.clouds.azure(spec.azure.subscriptionId);
  if (spec.type === "point-to-site") {
    return p2sHealth({ azure, resourceGroup: spec.azure.resourceGroup, vnet: spec.azure.vnet.name, rootCertificateName: p2sRootCertificateName(spec.name), clientAddressPool: spec.clientAddressPool }, now);
  }
  const [vnet, vcn] = await Promise.all([azure.getVirtualNetwork(spec.azure.resourceGroup, spec.azure.vnet.name), deps.clouds.oci.getVcn(spec.oci.vcnId)]);
  return vpnHealth(
    { azure, oci: deps.clouds.oci },
    {
      azure: { resourceGroup: spec.azure.resourceGroup, vnet: spec.azure.vnet.name },
      oci: { drgId: spec.oci.drgId },
      ipsecConnectionId: resources.ipsecConnectionId ?? "",
      bgp: spec.routing.mode === "bgp",
      vnetCidrs: vnet?.addressSpaces ?? [],
      vcnCidrs: vcn?.cidrBlocks ?? [],
      names: vpnResourceNames(spec.name, spec.azure.vnet.name),
    },
    now,
  );
}

/** Every live VPN link, checked one after another (the clouds' rate limiters pace the calls); failures are listed. */
export async function checkVpnLinks(deps: VpnCheckDeps, checkId: string): Promise<{ checked: number; verdicts: Record<string, string>; failed: Array<{ name: string; message: string }> }> {
  const records = (await deps.vpnLinks.list()).filter((record) => (CHECKED_VPN_STATES as readonly string[]).includes(record.state));
  const verdicts: Record<string, string> = {};
  const failed: Array<{ name: string; message: string }> = [];
  for (const record of records) {
    try {
      verdicts[record.name] = (await checkVpnLink(deps, record, checkId)).verdict;
    } catch (error) {
      failed.push({ name: record.name, message: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) });
    }
  }
  return { checked: Object.keys(verdicts).length, verdicts, failed };
}
