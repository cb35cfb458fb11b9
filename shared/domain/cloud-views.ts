import "./zod-messages";
import { z } from "zod";

/**
 * What Interlink reads of the cloud resources it polls: one schema per resource. The cloud port returns
 * the full view; the activity contracts (what an orchestrator polls) and the stored health report pick
 * the state fields from it, so a field renamed here is renamed everywhere.
 */

const Tags = z.record(z.string(), z.string());

export const PrivatePeering = z.object({
  state: z.string(),
  primaryPeerAddressPrefix: z.string(),
  secondaryPeerAddressPrefix: z.string(),
  peerAsn: z.number(),
  azureAsn: z.number(),
});

export const CircuitView = z.object({
  id: z.string(),
  provisioningState: z.string().optional(),
  serviceProviderProvisioningState: z.string().optional(),
  circuitProvisioningState: z.string().optional(),
  bandwidthMbps: z.number().optional(),
  peeringLocation: z.string().optional(),
  skuName: z.string().optional(),
  tags: Tags,
  privatePeering: PrivatePeering.nullable(),
});
export type CircuitView = z.infer<typeof CircuitView>;

/** One read of an ExpressRoute circuit as an orchestrator sees it: whether it exists, and its states. */
export const CircuitState = CircuitView.pick({
  provisioningState: true,
  serviceProviderProvisioningState: true,
  circuitProvisioningState: true,
  bandwidthMbps: true,
  privatePeering: true,
})
  .partial()
  .extend({ exists: z.boolean() });
export type CircuitState = z.infer<typeof CircuitState>;

export const VirtualCircuitView = z.object({
  id: z.string(),
  displayName: z.string(),
  lifecycleState: z.string(),
  providerState: z.string().optional(),
  bgpSessionState: z.string().optional(),
  oracleBgpAsn: z.number().optional(),
  bandwidthShapeName: z.string().optional(),
  drgId: z.string().optional(),
  freeformTags: Tags,
});
export type VirtualCircuitView = z.infer<typeof VirtualCircuitView>;

/** One read of a FastConnect virtual circuit as an orchestrator sees it. */
export const VirtualCircuitState = VirtualCircuitView.pick({
  lifecycleState: true,
  providerState: true,
  bgpSessionState: true,
  oracleBgpAsn: true,
  bandwidthShapeName: true,
})
  .partial()
  .extend({ exists: z.boolean() });
export type VirtualCircuitState = z.infer<typeof VirtualCircuitState>;

export const GatewayView = z.object({
  id: z.string(),
  name: z.string(),
  provisioningState: z.string().optional(),
  gatewayType: z.string().optional(),
  subnetId: z.string().optional(),
  /** Its own public IP; absent when Azure manages the gateway's IP. */
  publicIpId: z.string().optional(),
  tags: Tags,
});
export type GatewayView = z.infer<typeof GatewayView>;

export const GatewayState = GatewayView.pick({ provisioningState: true }).extend({ exists: z.boolean() });
export type GatewayState = z.infer<typeof GatewayState>;

export const ConnectionView = z.object({
  id: z.string(),
  provisioningState: z.string().optional(),
  connectionStatus: z.string().optional(),
  gatewayId: z.string().optional(),
  peerId: z.string().optional(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const ConnectionState = ConnectionView.pick({ provisioningState: true, connectionStatus: true }).extend({ exists: z.boolean() });
export type ConnectionState = z.infer<typeof ConnectionState>;

/**
 * Where an ARM operation that was started but not awaited stands. A failed one says whether ARM calls its error
 * transient (running the write again may succeed) and whether a busy resource caused it (waiting will do).
 */
export const OperationStatus = z.object({
  status: z.enum(["running", "succeeded", "failed"]),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Failed with a transient code (InternalServerError, throttling...): the same request may well succeed again. */
  retryable: z.boolean().optional(),
  /** Failed because another operation holds the resource or it is not provisioned yet: wait, then send it again. */
  notReady: z.boolean().optional(),
});
export type OperationStatus = z.infer<typeof OperationStatus>;
