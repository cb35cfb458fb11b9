import { type PeeredVcn, peeringSuffix } from "./peered-vcn";

/** What the dry run shows for the peered VCNs with a kind (see PeerVcnActivity): one entry per resource touched. */

type Make<R> = (kind: string, name: string, action: "create" | "create-if-missing" | "update" | "delete" | "delete-if-unused", properties?: Record<string, unknown>) => R;

export interface PeeringPlanInput {
  name: string;
  drg: string;
  vcnId: string;
  vnetCidrs: string[];
  marker: string;
  peeredVcns: readonly PeeredVcn[];
}

const where = (peer: PeeredVcn) => ({ ...(peer.tenancyId ? { tenancyId: peer.tenancyId } : {}), ...(peer.region ? { region: peer.region } : {}) });

/** Peered VCNs whose CIDRs the interconnect's static DRG rule sends to the connected VCN's attachment. */
export function throughHubVcn(peer: PeeredVcn): boolean {
  return peer.kind === undefined || peer.kind === "local";
}

export function peeringSetup<R>(input: PeeringPlanInput, oci: Make<R>): R[] {
  return input.peeredVcns.flatMap((peer) => {
    if (peer.kind === undefined) return [];
    const suffix = peeringSuffix(peer.vcnId ?? "");
    const name = (what: string) => `${input.name}-${suffix}-${what}`;
    const marker = `${input.marker}:${suffix}`;
    const back = (target: string) => oci("routeRules", peer.routeTableId ?? `the default route table of ${peer.vcnId ?? ""}`, "update", { ...where(peer), add: input.vnetCidrs.map((destination) => ({ destination, networkEntityId: target, description: marker })) });
    if (peer.kind === "drg") return [oci("drgAttachment", name("attachment"), "create-if-missing", { drgId: input.drg, vcnId: peer.vcnId, ...where(peer) }), back(input.drg)];
    if (peer.kind === "local") {
      return [
        oci("routeTable", name("lpg-rt"), "create-if-missing", { vcnId: input.vcnId, rules: input.vnetCidrs.map((destination) => ({ destination, networkEntityId: input.drg })) }),
        oci("localPeeringGateway", name("lpg"), "create-if-missing", { vcnId: input.vcnId, routeTableId: name("lpg-rt") }),
        oci("localPeeringGateway", name("lpg"), "create-if-missing", { vcnId: peer.vcnId, ...where(peer), connect: "from the connected VCN's LPG" }),
        oci("routeRules", `the connected VCN's DRG attachment route table (its own, or ${input.name}-transit)`, "update", { add: peer.cidrs.map((destination) => ({ destination, networkEntityId: name("lpg"), description: marker })) }),
        back(name("lpg")),
      ];
    }
    const peerDrg = peer.drgId ?? name("drg");
    return [
      ...(peer.drgId ? [] : [oci("drg", name("drg"), "create-if-missing", where(peer)), oci("drgAttachment", name("attachment"), "create-if-missing", { drgId: peerDrg, vcnId: peer.vcnId, ...where(peer) })]),
      oci("remotePeeringConnection", name("rpc"), "create-if-missing", { drgId: input.drg }),
      oci("remotePeeringConnection", name("rpc"), "create-if-missing", { drgId: peerDrg, ...where(peer), connect: "from the interconnect's RPC" }),
      oci("drgRouteRules", `${input.drg} (virtual-circuit route table)`, "update", { addStatic: peer.cidrs.map((destination) => ({ destination, nextHop: `${name("rpc")}'s attachment` })) }),
      oci("drgRouteRules", `${input.drg} (RPC route table)`, "update", { addStatic: input.vnetCidrs.map((destination) => ({ destination, nextHop: "the virtual circuit's attachment" })) }),
      oci("drgRouteRules", `${peerDrg} (VCN route table)`, "update", { ...where(peer), addStatic: input.vnetCidrs.map((destination) => ({ destination, nextHop: `${name("rpc")}'s attachment` })) }),
      back(peerDrg),
    ];
  });
}

export function peeringTeardown<R>(input: PeeringPlanInput, oci: Make<R>): R[] {
  return input.peeredVcns.flatMap((peer) => {
    if (peer.kind === undefined) return [];
    const suffix = peeringSuffix(peer.vcnId ?? "");
    const name = (what: string) => `${input.name}-${suffix}-${what}`;
    const rules = oci("routeRules", peer.routeTableId ?? `the default route table of ${peer.vcnId ?? ""}`, "update", { ...where(peer), remove: `rules marked ${input.marker}:${suffix}` });
    if (peer.kind === "drg") return [rules, oci("drgAttachment", name("attachment"), "delete", where(peer))];
    if (peer.kind === "local") return [rules, oci("localPeeringGateway", name("lpg"), "delete"), oci("localPeeringGateway", name("lpg"), "delete", where(peer)), oci("routeTable", name("lpg-rt"), "delete")];
    return [
      rules,
      oci("remotePeeringConnection", name("rpc"), "delete"),
      oci("remotePeeringConnection", name("rpc"), "delete", where(peer)),
      ...(peer.drgId ? [] : [oci("drgAttachment", name("attachment"), "delete", where(peer)), oci("drg", name("drg"), "delete", where(peer))]),
    ];
  });
}
