/**
 * Public API of the cloud emulators for tests, benchmarks and the dev stack. Everything else under src/ is internal
 * and may change. The process (`npm run emulators`) is `@interlink/cloud-emulators/main`.
 */
export { startCloudEmulators, PortInUseError, type CloudEmulatorOptions, type CloudEmulators } from "./cloud/start";
export { EmulatorAdminClient, AdminApiError, type ClockView, type OciIdentityView } from "./cloud/admin-client";
export {
  azureNetworkClient,
  ociVirtualNetworkClient,
  ociIdentityClient,
  ociAuthProvider,
  ociRegionEndpoint,
  staticTokenCredential,
  ARM_SCOPE,
  type AzureClientOptions,
  type OciClientOptions,
  type OciSigner,
} from "./cloud/sdk-clients";
export type { OciTenancySpec, OciUserSpec, OciTenancyCredentials, OciUserCredentials } from "./oci/identity/tenancy-seed";
export type { Reachability, Hop as ReachabilityHop } from "./fabric/reachability";
export type { OperationPermissions } from "./oci/iam/operations";
export type { Decision as OciAuthorizationDecision } from "./oci/iam/evaluate";
export { DEMO, seedDemoNetworks, seedPartnerTenancy } from "./cloud/demo-seed";
export type { Snapshot } from "./cloud/snapshot";
export type { Orphan } from "./cloud/orphans";
export type { OutOfBandAction } from "./cloud/out-of-band";
export type { FaultRule, FaultRuleInput, FaultAction, FaultMatch } from "./core/faults";
export type { JournalEntry, JournalFilter, AuthVerdict } from "./core/journal";
export { DEFAULT_DURATIONS, type Durations } from "./core/durations";
export type { TunnelView, Vnet2VnetView } from "./cloud/vpn-admin";
export type { TunnelTransition, LinkRef, LinkState } from "./fabric/vpn-state";
export { momentsAllDown } from "./fabric/tunnel-journal";
export type { PairPaths, PathChoice } from "./fabric/vpn-paths";
export type { VpnJournalFilter } from "./fabric/vpn-journal";
export { DEFAULT_CALL_LATENCIES, DEFAULT_CHARGED_REQUESTS_PER_SECOND, callKindOf, type CallLatencies, type CallKind, type CallCostOptions, type EmulatedSleep } from "./core/call-cost";
