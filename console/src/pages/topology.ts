import type { InterconnectDetail } from "../../../shared/operations/view";
import { bandwidth, when } from "../format";
import { html } from "../html";

type Health = "up" | "down" | "unknown" | "absent";

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  lines: string[];
  health: Health;
  id: string;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === "string");
const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
const short = (ocid: unknown) => (typeof ocid === "string" ? (ocid.length > 28 ? `…${ocid.slice(-22)}` : ocid) : "");

/** Spokes of a hub-and-spoke VNet (azure.spokes), read defensively: a name and address spaces when given. */
function spokesOf(detail: InterconnectDetail): Array<{ name: string; cidrs: string[] }> {
  return list(record(detail.spec.azure).spokes).map((spoke, index) => {
    const fields = record(spoke);
    const vnet = record(fields.vnet);
    const name = [fields.name, vnet.name, fields.vnetName, fields.vnetId].find((value) => typeof value === "string") as string | undefined;
    return { name: name ? String(name).split("/").pop() ?? `spoke ${index + 1}` : `spoke ${index + 1}`, cidrs: [...strings(fields.addressSpaces), ...strings(vnet.addressSpaces), ...strings(fields.cidrs)] };
  });
}

/** VCNs peered to the connected VCN (oci.peeredVcns): OCID, kind and CIDRs where given. */
function peeredOf(detail: InterconnectDetail): Array<{ name: string; cidrs: string[]; kind: string | undefined }> {
  return list(record(detail.spec.oci).peeredVcns).map((peer, index) => {
    const fields = record(peer);
    const kind = typeof fields.kind === "string" ? fields.kind : undefined;
    return { name: fields.vcnId ? short(fields.vcnId) : typeof fields.name === "string" ? fields.name : `peered VCN ${index + 1}`, cidrs: strings(fields.cidrs), kind };
  });
}

/** One BGP session's state: the virtual circuit's BGP state, and whether Azure learned the VCN on this path. */
function sessionState(detail: InterconnectDetail, path: "primary" | "secondary"): { state: string; health: Health } {
  if (!detail.resources.virtualCircuitId) return { state: "not built", health: "absent" };
  const report = detail.lastHealth;
  const bgp = report?.oci.virtualCircuit.bgpSessionState ?? detail.evidence?.bgpSessionState;
  if (!bgp) return { state: "unknown", health: "unknown" };
  if (bgp !== "UP") return { state: bgp, health: "down" };
  const learned = report ? report.azure.learnedVcnPrefixes[path] : (detail.evidence?.azureLearnedPrefixes[path] ?? []);
  if (!report?.suspended && learned.length === 0) return { state: "UP, no routes learned", health: "down" };
  return { state: "UP", health: "up" };
}

function BoxShape({ box }: { box: Box }) {
  return html`
    <g class=${`node ${box.health}`} data-node=${box.id}>
      <rect x=${box.x} y=${box.y} width=${box.w} height=${box.h} rx="6" />
      <text x=${box.x + 8} y=${box.y + 18} class="node-title">${box.title}</text>
      ${box.lines.map((line, index) => html`<text x=${box.x + 8} y=${box.y + 36 + index * 15} class="node-line">${line}</text>`)}
    </g>
  `;
}

/** Tall enough for its lines. */
const fit = (box: Box): Box => ({ ...box, h: Math.max(box.h, 32 + box.lines.length * 15) });

const built = (id: string | undefined, health: Health = "up"): Health => (id ? health : "absent");

/**
 * The interconnect drawn: VNet (and spokes) → ExpressRoute gateway → ExpressRoute circuit ⇄ two BGP sessions ⇄
 * FastConnect virtual circuit → DRG → VCN (and peered VCNs). Red is down, with the reasons under the drawing.
 */
export function Topology({ detail }: { detail: InterconnectDetail }) {
  const { spec, resources, lastHealth: report } = detail;
  const circuitState = report?.azure.circuit.serviceProviderProvisioningState;
  const vcState = report?.oci.virtualCircuit;
  const circuitHealth: Health = !resources.circuitId ? "absent" : report && (!report.azure.circuit.exists || circuitState !== "Provisioned") ? "down" : "up";
  const vcHealth: Health = !resources.virtualCircuitId ? "absent" : vcState && (!vcState.exists || vcState.lifecycleState !== "PROVISIONED") ? "down" : "up";
  const gatewayHealth: Health = !resources.gatewayId ? "absent" : report?.azure.connectionStatus && report.azure.connectionStatus !== "Connected" ? "down" : "up";
  const spokes = spokesOf(detail);
  const peered = peeredOf(detail);
  const vnetCidrs = spec.azure.vnet.addressSpaces ?? [];
  const vcnCidrs = spec.oci.vcnCidrs ?? [];

  const boxes: Box[] = (
    [
    { id: "vnet", x: 10, y: 60, w: 210, h: 55, title: `VNet ${spec.azure.vnet.name}`, lines: [...(vnetCidrs.length ? vnetCidrs : ["address spaces read from Azure"]), `GatewaySubnet ${spec.azure.gatewaySubnetPrefix}`, spec.azure.region], health: "up" },
    { id: "gateway", x: 245, y: 60, w: 160, h: 85, title: "ExpressRoute gateway", lines: [resources.gatewayId ? (resources.gatewayCreated ? "created by Interlink" : "existing") : "not built", `connection: ${report?.azure.connectionStatus ?? (resources.connectionId ? "built" : "none")}`], health: gatewayHealth },
    { id: "circuit", x: 430, y: 60, w: 190, h: 100, title: "ExpressRoute circuit", lines: [spec.azure.circuit.peeringLocation, `${bandwidth(spec.azure.circuit.bandwidthMbps)}, ${spec.azure.circuit.sku.tier}`, `provider: ${circuitState ?? (resources.circuitId ? "?" : "not built")}`, `private peering: ${report?.azure.privatePeeringState ?? "?"}`], health: circuitHealth },
    { id: "virtual-circuit", x: 940, y: 60, w: 200, h: 100, title: "FastConnect virtual circuit", lines: [spec.oci.region, bandwidth(spec.azure.circuit.bandwidthMbps), `lifecycle: ${vcState?.lifecycleState ?? (resources.virtualCircuitId ? "?" : "not built")}`, `provider: ${vcState?.providerState ?? "?"}`], health: vcHealth },
    { id: "drg", x: 1165, y: 60, w: 150, h: 70, title: "DRG", lines: [short(resources.drgId ?? spec.oci.drgId) || "not built", resources.drgCreated ? "created by Interlink" : resources.drgId ? "existing" : ""], health: built(resources.drgId) },
    { id: "vcn", x: 1340, y: 60, w: 200, h: 55, title: "VCN", lines: [short(spec.oci.vcnId), ...(vcnCidrs.length ? vcnCidrs : ["CIDRs read from OCI"])], health: "up" },
    ] as Box[]
  ).map(fit);
  const below = Math.max(...boxes.map((box) => box.y + box.h)) + 40;
  const spokeBoxes: Box[] = spokes.map((spoke, index) => ({ id: `spoke-${index}`, x: 10, y: below + index * 85, w: 210, h: 70, title: `Spoke ${spoke.name}`, lines: spoke.cidrs.length ? spoke.cidrs : ["peered to the hub"], health: "up" as Health })).map(fit);
  const peerBoxes: Box[] = peered.map((peer, index) => ({ id: `peered-${index}`, x: 1340, y: below + index * 85, w: 200, h: 70, title: `Peered VCN${peer.kind ? ` (${peer.kind})` : ""}`, lines: [peer.name, ...peer.cidrs], health: "up" as Health })).map(fit);
  const height = Math.max(...[...boxes, ...spokeBoxes, ...peerBoxes].map((box) => box.y + box.h)) + 20;
  const sessions = (["primary", "secondary"] as const).map((path, index) => ({ path, y: 90 + index * 45, ...sessionState(detail, path), addressing: detail.bgp[path] }));
  const downReasons = report && report.verdict !== "healthy" && report.verdict !== "suspended" ? report.reasons : [];
  const edge = (from: Box, to: Box, health: Health = to.health) => html`<line class=${`edge ${health}`} x1=${from.x + from.w} y1=${from.y + 30} x2=${to.x} y2=${to.y + 30} />`;
  const [vnet, gateway, circuit, vc, drg, vcn] = boxes as [Box, Box, Box, Box, Box, Box];

  return html`
    <section aria-labelledby="topology-title">
      <h2 id="topology-title">Topology</h2>
      <figure class="topology">
        <svg viewBox=${`0 0 1550 ${height}`} role="img" aria-labelledby="topology-svg-title topology-svg-desc" width="100%">
          <title id="topology-svg-title">Topology of ${detail.name}</title>
          <desc id="topology-svg-desc">
            VNet ${spec.azure.vnet.name} through the ExpressRoute gateway and circuit at ${spec.azure.circuit.peeringLocation}, two BGP sessions (primary
            ${sessions[0]?.state}, secondary ${sessions[1]?.state}), the FastConnect virtual circuit, the DRG and the VCN.
          </desc>
          <text x="10" y="30" class="cloud">Azure · ${spec.azure.region}</text>
          <text x="1540" y="30" class="cloud" text-anchor="end">OCI · ${spec.oci.region}</text>
          ${edge(vnet, gateway)} ${edge(gateway, circuit, circuit.health === "absent" || gateway.health === "absent" ? "absent" : gatewayHealth)} ${edge(vc, drg)} ${edge(drg, vcn)}
          ${sessions.map(
            (session) => html`
              <g class=${`session ${session.health}`} data-session=${session.path} data-state=${session.state}>
                <line x1=${circuit.x + circuit.w} y1=${session.y} x2=${vc.x} y2=${session.y} />
                <text x="780" y=${session.y - 6} text-anchor="middle">BGP ${session.path} ${session.addressing.block}: ${session.state}</text>
                <text x="780" y=${session.y + 14} text-anchor="middle" class="node-line">Azure ${session.addressing.azureAddress} ↔ Oracle ${session.addressing.oracleAddress}</text>
              </g>
            `,
          )}
          ${spokeBoxes.map((spoke) => html`<line class="edge up" x1=${vnet.x + 105} y1=${vnet.y + vnet.h} x2=${spoke.x + 105} y2=${spoke.y} />`)}
          ${peerBoxes.map((peer) => html`<line class="edge up" x1=${vcn.x + 100} y1=${vcn.y + vcn.h} x2=${peer.x + 100} y2=${peer.y} />`)}
          ${[...boxes, ...spokeBoxes, ...peerBoxes].map((box) => html`<${BoxShape} box=${box} />`)}
        </svg>
        <figcaption>
          <span class="legend up">up</span> <span class="legend down">down</span> <span class="legend absent">not built</span>
          ${report ? html` · health checked ${when(report.checkedAt)}: ${report.verdict}` : " · not checked yet"}
        </figcaption>
      </figure>
      ${downReasons.length > 0
        ? html`<div class="failure" role="alert" data-testid="topology-reasons">
            <strong>Why it is ${report?.verdict}</strong>
            <ul>
              ${downReasons.map((reason) => html`<li>${reason}</li>`)}
            </ul>
          </div>`
        : null}
    </section>
  `;
}
