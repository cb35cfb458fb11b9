/**
 * The Azure actions Interlink's adapter needs on a network resource group: exactly the custom role the deployment
 * template defines (infra/main.bicep `networkRoleActions`; a test keeps the two equal). `interlink doctor` checks
 * the identity holds each of them.
 */
export const AZURE_NETWORK_ACTIONS = [
  "Microsoft.Network/virtualNetworks/read",
  "Microsoft.Network/virtualNetworks/subnets/read",
  "Microsoft.Network/virtualNetworks/subnets/write",
  "Microsoft.Network/virtualNetworks/subnets/delete",
  "Microsoft.Network/virtualNetworks/subnets/join/action",
  "Microsoft.Network/networkSecurityGroups/read",
  "Microsoft.Network/networkSecurityGroups/write",
  "Microsoft.Network/networkSecurityGroups/delete",
  "Microsoft.Network/networkSecurityGroups/join/action",
  "Microsoft.Network/networkSecurityGroups/securityRules/read",
  "Microsoft.Network/networkSecurityGroups/securityRules/write",
  "Microsoft.Network/networkSecurityGroups/securityRules/delete",
  "Microsoft.Network/routeTables/read",
  "Microsoft.Network/routeTables/write",
  "Microsoft.Network/routeTables/delete",
  "Microsoft.Network/routeTables/join/action",
  "Microsoft.Network/expressRouteCircuits/read",
  "Microsoft.Network/expressRouteCircuits/write",
  "Microsoft.Network/expressRouteCircuits/delete",
  "Microsoft.Network/expressRouteCircuits/join/action",
  "Microsoft.Network/expressRouteCircuits/peerings/arpTables/action",
  "Microsoft.Network/expressRouteCircuits/peerings/routeTables/action",
  "Microsoft.Network/virtualNetworkGateways/read",
  "Microsoft.Network/virtualNetworkGateways/write",
  "Microsoft.Network/virtualNetworkGateways/delete",
  "Microsoft.Network/virtualNetworkGateways/join/action",
  "Microsoft.Network/virtualNetworkGateways/connections/read",
  "Microsoft.Network/virtualNetworkGateways/getlearnedroutes/action",
  "Microsoft.Network/publicIPAddresses/read",
  "Microsoft.Network/publicIPAddresses/write",
  "Microsoft.Network/publicIPAddresses/delete",
  "Microsoft.Network/publicIPAddresses/join/action",
  "Microsoft.Network/connections/read",
  "Microsoft.Network/connections/write",
  "Microsoft.Network/connections/delete",
  "Microsoft.Network/virtualNetworkGateways/getBgpPeerStatus/action",
  "Microsoft.Network/virtualNetworkGateways/generatevpnclientpackage/action",
  "Microsoft.Network/connections/sharedKey/read",
  "Microsoft.Network/connections/sharedKey/write",
  "Microsoft.Network/localNetworkGateways/read",
  "Microsoft.Network/localNetworkGateways/write",
  "Microsoft.Network/localNetworkGateways/delete",
  "Microsoft.Network/locations/operations/read",
  "Microsoft.Network/locations/operationResults/read",
] as const;

/** One entry of Microsoft.Authorization/permissions: what a role assignment allows, minus what it excludes. */
export interface GrantedPermission {
  actions: string[];
  notActions: string[];
}

/** An Azure RBAC action pattern (`*` matches anything, case-insensitively) as a test. */
function pattern(text: string): RegExp {
  return new RegExp(`^${text.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`, "i");
}

/** The required actions no entry grants (an entry grants an action its actions match and its notActions do not). */
export function missingActions(required: readonly string[], granted: readonly GrantedPermission[]): string[] {
  const entries = granted.map((entry) => ({ allow: entry.actions.map(pattern), deny: entry.notActions.map(pattern) }));
  return required.filter((action) => !entries.some((entry) => entry.allow.some((allow) => allow.test(action)) && !entry.deny.some((deny) => deny.test(action))));
}
