import { z } from "zod";

/**
 * Where declared traffic starts or ends. `oci-peered` is a VCN peered to the interconnected VCN (VNet -> VCN ->
 * peered VCN is supported). `on-premises` parses so that it can be refused with the reason.
 */
export const TrafficEndpoint = z.enum(["azure", "oci", "oci-peered", "on-premises"]);
export type TrafficEndpoint = z.infer<typeof TrafficEndpoint>;

export const TrafficProtocol = z.enum(["tcp", "udp", "icmp", "all"]);
export type TrafficProtocol = z.infer<typeof TrafficProtocol>;

const PORT_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

export interface PortRange {
  min: number;
  max: number;
}

/** `1521` or `1521-1522`; null when malformed or out of 1-65535. */
export function parsePortRange(text: string): PortRange | null {
  const match = PORT_RANGE.exec(text);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min < 1 || max > 65535 || min > max) return null;
  return { min, max };
}

export const ON_PREMISES_TRANSIT_REASON =
  "the Azure-OCI interconnect does not carry on-premises traffic: it does not enable traffic between your on-premises network through the VCN to the VNet, or from your on-premises network through the VNet to the VCN";

export const TrafficRule = z
  .object({
    from: TrafficEndpoint.meta({
      description: "Where the traffic starts: azure (the VNet), oci (the VCN) or oci-peered (a VCN in oci.peeredVcns). One end must be azure. on-premises is refused: the interconnect does not carry on-premises transit.",
      examples: ["azure"],
    }),
    to: TrafficEndpoint.meta({ description: "Where the traffic goes; the same values as from, and the other end of the interconnect.", examples: ["oci"] }),
    protocol: TrafficProtocol.meta({ description: "tcp, udp, icmp or all.", examples: ["tcp"] }),
    ports: z
      .string()
      .optional()
      .meta({ description: "tcp and udp only: the destination port or range within 1-65535, such as 1521 or 1521-1522. Omitted: all ports.", examples: ["1521"] }),
    icmp: z
      .object({
        type: z.number().int().min(0).max(255).meta({ description: "ICMP type, 0-255.", examples: [3] }),
        code: z.number().int().min(0).max(255).optional().meta({ description: "ICMP code, 0-255; omitted: every code of the type.", examples: [4] }),
      })
      .strict()
      .optional()
      .describe("icmp only: the ICMP type and code to allow. Omitted: all ICMP."),
    stateless: z
      .boolean()
      .default(false)
      .describe("Make the OCI rules stateless (with the matching return rule): no connection tracking, for high-volume traffic. Azure NSG rules are always stateful."),
    description: z.string().max(200).optional().meta({ description: "Your note, at most 200 characters; it goes into the rules' descriptions.", examples: ["application servers to the database listener"] }),
  })
  .strict()
  .describe("One kind of traffic allowed across the interconnect, in one direction (replies are allowed).")
  .superRefine((rule, ctx) => {
    if (rule.from === "on-premises" || rule.to === "on-premises") {
      ctx.addIssue({ code: "custom", path: [rule.from === "on-premises" ? "from" : "to"], message: `on-premises transit is not supported: ${ON_PREMISES_TRANSIT_REASON}` });
      return;
    }
    if ((rule.from === "azure") === (rule.to === "azure")) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `traffic must cross the interconnect: one end must be 'azure' and the other 'oci' or 'oci-peered' (got ${rule.from} -> ${rule.to})` });
    }
    if (rule.ports !== undefined) {
      if (rule.protocol !== "tcp" && rule.protocol !== "udp") {
        ctx.addIssue({ code: "custom", path: ["ports"], message: `ports apply only to tcp and udp, not ${rule.protocol}` });
      } else if (parsePortRange(rule.ports) === null) {
        ctx.addIssue({ code: "custom", path: ["ports"], message: `'${rule.ports}' is not a port or range within 1-65535 such as 1521 or 1521-1522` });
      }
    }
    if (rule.icmp !== undefined && rule.protocol !== "icmp") {
      ctx.addIssue({ code: "custom", path: ["icmp"], message: `icmp options apply only to protocol icmp, not ${rule.protocol}` });
    }
  });
export type TrafficRule = z.infer<typeof TrafficRule>;
