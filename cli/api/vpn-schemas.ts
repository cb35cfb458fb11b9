import { z } from "zod";
import { OperatedView } from "./schemas";

/**
 * How the CLI reads the VPN link routes' answers, leniently as in schemas.ts: what it prints, and nothing that could
 * hold a key (the API sends none: the shared keys stay with the clouds, a point-to-site root's private key sealed in
 * Interlink's secret store).
 */

const TunnelBgp = z.looseObject({ tunnel: z.number(), block: z.string(), oracleAddress: z.string(), azureApipaAddress: z.string(), oracleAsn: z.number(), azureAsn: z.number() });

export const VpnHealthView = z.looseObject({
  verdict: z.string(),
  checkedAt: z.string().optional(),
  tunnels: z.array(z.looseObject({ tunnel: z.string(), status: z.string(), bgp: z.string().optional(), azureConnection: z.string().optional(), reason: z.string().optional() })).default([]),
  carriedBy: z.string().optional(),
  routesLearned: z.looseObject({ azure: z.array(z.string()).default([]), oci: z.array(z.string()).default([]) }).optional(),
  problems: z.array(z.string()).default([]),
});
export type VpnHealthView = z.infer<typeof VpnHealthView>;

/** `GET /vpn-links/{name}`. */
export const VpnLinkView = OperatedView.extend({
  bgp: z.array(TunnelBgp).nullable().optional(),
  lastHealth: VpnHealthView.nullable().optional(),
  links: z.record(z.string(), z.string()).default({}),
});
export type VpnLinkView = z.infer<typeof VpnLinkView>;

/** One row of `GET /vpn-links`. */
export const VpnSummaryView = z.looseObject({
  name: z.string(),
  state: z.string(),
  type: z.string().optional(),
  ticketId: z.string().optional(),
  routing: z.string().nullable().optional(),
  azureVnets: z.array(z.string()).default([]),
  ociVcn: z.string().nullable().optional(),
  currentOperation: z.string().nullable().optional(),
  lastHealth: z.string().nullable().optional(),
  carriedBy: z.string().nullable().optional(),
  updatedAt: z.string().optional(),
});
export type VpnSummaryView = z.infer<typeof VpnSummaryView>;

const PlannedStep = z.looseObject({ id: z.string(), title: z.string(), dependsOn: z.array(z.string()).default([]) });
const names = z.array(z.string()).default([]);

/** `POST /vpn-links/plan`: what a setup would build, from the request alone. */
export const VpnPlanView = z.looseObject({
  name: z.string(),
  type: z.string(),
  steps: z.array(PlannedStep),
  teardownSteps: z.array(PlannedStep).default([]),
  resources: z.looseObject({
    azure: z.looseObject({ gateways: names, publicIps: names, localNetworkGateways: names, connections: names }),
    oci: z.looseObject({ cpe: z.string(), ipsecConnection: z.string(), tunnels: names }).nullable().optional(),
  }),
  routing: z.string().nullable().optional(),
  bgp: z.array(TunnelBgp).nullable().optional(),
  clientAddressPool: z.array(z.string()).optional(),
  sharedKeys: z.string().optional(),
});
export type VpnPlanView = z.infer<typeof VpnPlanView>;
