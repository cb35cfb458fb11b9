import { z } from "zod";

/**
 * Where declared traffic starts or ends. `oci-peered` is a VCN peered to the interconnected VCN (the seed
 * allows VNet -> VCN -> peered VCN). `on-premises` parses so that it can be refused with the seed's reason.
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
    from: TrafficEndpoint,
    to: TrafficEndpoint,
    protocol: TrafficProtocol,
    /** Destination port or range for tcp/udp, e.g. `1521` or `1521-1522`; omitted means all ports. */
    ports: z.string().optional(),
    /** ICMP type and optional code; omitted means all ICMP. */
    icmp: z.object({ type: z.number().int().min(0).max(255), code: z.number().int().min(0).max(255).optional() }).strict().optional(),
    /** OCI stateless rules avoid connection tracking for high-volume traffic (seed: performance). */
    stateless: z.boolean().default(false),
    description: z.string().max(200).optional(),
  })
  .strict()
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
