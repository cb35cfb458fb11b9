import "./zod-messages";
import { z } from "zod";
import { Ipv4CidrText } from "./cidr";
import { fingerprint } from "./fingerprint";
import { Ocid, OciRegion } from "./identifiers";

/**
 * A VCN whose traffic reaches the VNet through the interconnected (hub) VCN, and how Interlink peers it:
 * - no kind: the peering exists already and is managed elsewhere. Interlink only advertises its CIDRs (a static
 *   DRG rule next hop the hub VCN's attachment, unless the VCN is attached to the same DRG). The meaning requests
 *   had before kinds existed.
 * - `drg`: Interlink attaches the VCN to the interconnect's DRG (a cross-tenancy attachment when it lives in another
 *   tenancy); the DRG's route distribution advertises it.
 * - `local`: an LPG pair between the hub VCN and this VCN, same region, same or another tenancy; transit routing
 *   through the hub VCN (its DRG attachment's route table and its LPG's route table).
 * - `remote`: an RPC pair between the interconnect's DRG and the DRG of this VCN in another region, same or another
 *   tenancy (that tenancy must be subscribed to both regions).
 * For every kind, Interlink sets the peered VCN's route table so that the VNet's CIDRs go back the same way.
 */
export const PEERING_KINDS = ["drg", "local", "remote"] as const;
export type PeeringKind = (typeof PEERING_KINDS)[number];

export const PeeredVcn = z
  .object({
    kind: z.enum(PEERING_KINDS, { message: "must be drg, local or remote" }).optional().meta({
      description:
        "How Interlink peers the VCN: drg (attach it to the interconnect's DRG), local (LPG pair with the connected VCN, same region), remote (RPC pair between the DRGs of two regions). Omitted: the peering exists already and Interlink only advertises the CIDRs (a static DRG rule, unless the VCN is attached to the same DRG).",
      examples: ["local"],
    }),
    vcnId: Ocid("vcn").optional().meta({
      description: "The peered VCN's OCID; required with a kind. Without a kind, Interlink uses it to tell whether the VCN is attached to the same DRG (advertised already) or reached through the connected VCN (a static DRG route rule).",
      examples: ["ocid1.vcn.oc1.iad.bbbb"],
    }),
    cidrs: z
      .array(Ipv4CidrText)
      .min(1, "must list the peered VCN's CIDRs")
      .meta({ description: "The peered VCN's CIDRs, advertised to Azure; they must not overlap the VNet, the VCN or the BGP blocks.", examples: [["10.30.0.0/16"]] }),
    tenancyId: Ocid("tenancy").optional().meta({
      description:
        "The tenancy of the peered VCN when it is not Interlink's own. Interlink acts there with that tenancy's credentials (setting OCI_TENANCY_CREDENTIALS) and needs the cross-tenancy policies (see POST /api/policies/plan).",
      examples: ["ocid1.tenancy.oc1..bbbb"],
    }),
    region: OciRegion.optional().meta({ description: "The peered VCN's region: required for kind remote (another region than oci.region); for the other kinds it must be oci.region when given.", examples: ["us-phoenix-1"] }),
    drgId: Ocid("drg").optional().meta({
      description: "kind remote: the DRG in the peered region that the peered VCN is attached to. When omitted, Interlink creates <name>-peer-<id>-drg there (<id>: 8 hex digits derived from vcnId), attaches the VCN and deletes both at teardown.",
      examples: ["ocid1.drg.oc1.phx.aaaa"],
    }),
    routeTableId: Ocid("routetable").optional().meta({
      description: "With a kind: the peered VCN's route table that gets the rules sending the VNet's CIDRs back towards the connected VCN. When omitted, the peered VCN's default route table.",
      examples: ["ocid1.routetable.oc1.iad.bbbb"],
    }),
  })
  .strict()
  .describe("A VCN peered to the connected VCN, whose traffic to the VNet crosses the interconnect.")
  .superRefine((peer, ctx) => {
    if (peer.kind === undefined) {
      for (const field of ["tenancyId", "region", "drgId", "routeTableId"] as const) {
        if (peer[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "is only used with a kind (drg, local or remote): without one, Interlink creates nothing for this VCN" });
      }
      return;
    }
    if (peer.vcnId === undefined) ctx.addIssue({ code: "custom", path: ["vcnId"], message: `is required with kind ${peer.kind}: Interlink peers that VCN` });
    if (peer.kind === "remote" && peer.region === undefined) ctx.addIssue({ code: "custom", path: ["region"], message: "is required with kind remote: the region of the peered VCN and its DRG" });
    if (peer.kind !== "remote" && peer.drgId !== undefined) ctx.addIssue({ code: "custom", path: ["drgId"], message: `is only used with kind remote (kind ${peer.kind} uses the interconnect's DRG)` });
  });
export type PeeredVcn = z.infer<typeof PeeredVcn>;

/** Rules that need the rest of the request: regions against oci.region, one peering per VCN. */
export function peeredVcnProblems(oci: { region: string; vcnId: string; peeredVcns: readonly PeeredVcn[] }): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const seen = new Map<string, number>();
  oci.peeredVcns.forEach((peer, index) => {
    const at = (field: string) => ["oci", "peeredVcns", index, field];
    if (peer.kind === "remote" && peer.region === oci.region) problems.push({ path: at("region"), message: `must differ from oci.region (${oci.region}) for kind remote; VCNs of one region peer with kind local or drg` });
    if ((peer.kind === "local" || peer.kind === "drg") && peer.region !== undefined && peer.region !== oci.region) {
      problems.push({ path: at("region"), message: `must be oci.region (${oci.region}) for kind ${peer.kind}; a VCN in another region peers with kind remote` });
    }
    if (peer.vcnId === undefined) return;
    if (peer.vcnId === oci.vcnId) problems.push({ path: at("vcnId"), message: "must differ from oci.vcnId: a VCN does not peer with itself" });
    const earlier = seen.get(peer.vcnId);
    if (earlier !== undefined) problems.push({ path: at("vcnId"), message: `is listed already as oci.peeredVcns[${earlier}]` });
    else seen.set(peer.vcnId, index);
  });
  return problems;
}

/**
 * The part of the names (and of the route-rule marker) of what Interlink creates for a peered VCN. It comes from the
 * VCN's OCID, not from its place in oci.peeredVcns, so a change that adds or removes another peered VCN renames nothing.
 */
export function peeringSuffix(vcnId: string): string {
  return `peer-${fingerprint(vcnId).slice(0, 8)}`;
}
