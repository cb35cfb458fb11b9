import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type ArmValue, type DeployedResource, DeployTimeValue, resourceGroupId, text } from "./arm-template";

/**
 * The rules the deployment template must keep, each returning findings (empty when the rule holds) so a
 * test can show both that the real template passes and that a broken one is caught.
 */

export const BUILT_IN_ROLES = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  roleBasedAccessControlAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
} as const;

/** Roles that grant everything, or the right to grant anything: never for an app identity. */
const BROAD_ROLES: Record<string, string> = {
  [BUILT_IN_ROLES.owner]: "Owner",
  [BUILT_IN_ROLES.contributor]: "Contributor",
  [BUILT_IN_ROLES.userAccessAdministrator]: "User Access Administrator",
  [BUILT_IN_ROLES.roleBasedAccessControlAdministrator]: "Role Based Access Control Administrator",
  [BUILT_IN_ROLES.networkContributor]: "Network Contributor (use the Interlink network role: it holds only the actions Interlink performs)",
};

/** The narrow built-in roles the app's identity may hold, and the only kind of resource each may be scoped to. */
const NARROW_ROLES: Record<string, { name: string; resourceType: string }> = {
  "4633458b-17de-408a-b874-0445c86b69e6": { name: "Key Vault Secrets User", resourceType: "Microsoft.KeyVault/vaults" },
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe": { name: "Storage Blob Data Contributor", resourceType: "Microsoft.Storage/storageAccounts/blobServices/containers" },
  "3913510d-42f4-4e42-8a64-420c390055eb": { name: "Monitoring Metrics Publisher", resourceType: "Microsoft.Insights/components" },
};

/** Settings the Functions platform reads (not Interlink's own); anything else must be a settings-schema key. */
const PLATFORM_SETTINGS = new Set([
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
  "AZURE_CLIENT_ID",
  "FUNCTIONS_EXTENSION_VERSION",
  "FUNCTIONS_WORKER_RUNTIME",
  "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
  "WEBSITE_CONTENTSHARE",
  "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
  "WEBSITE_RUN_FROM_PACKAGE",
]);
/** Flex Consumption refuses or ignores these: the runtime and package live in functionAppConfig. */
export const FLEX_REFUSED_SETTINGS = ["FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_RUN_FROM_PACKAGE"];
const HOST_OVERRIDE_PREFIX = "AzureFunctionsJobHost__";

const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(SecretUri=(.+)\)$/;
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN/i;

export type Settings = Record<string, ArmValue>;

/** The app settings the template gives the Function App. */
export function appSettingsOf(resources: DeployedResource[]): Settings {
  const config = resources.filter((resource) => resource.type === "Microsoft.Web/sites/config" && resource.name.endsWith("/appsettings"));
  if (config.length !== 1) throw new Error(`expected one appsettings resource, found ${config.length}`);
  const properties = config[0]?.properties;
  if (typeof properties !== "object" || properties === null || Array.isArray(properties) || properties instanceof DeployTimeValue) throw new Error("appsettings properties are not an object");
  return properties;
}

/** The secret resource a Key Vault reference points at, or null when the value is not a reference. */
export function referencedSecret(value: ArmValue, resources: DeployedResource[]): DeployedResource | null | "missing" {
  const match = typeof value === "string" ? KEY_VAULT_REFERENCE.exec(value) : null;
  if (!match) return null;
  const secret = resources.find((resource) => resource.type === "Microsoft.KeyVault/vaults/secrets" && (match[1] ?? "").includes(`reference(${resource.id})`));
  return secret ?? "missing";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function hasPath(document: unknown, segments: string[]): boolean {
  let node = document;
  for (const segment of segments) {
    if (typeof node !== "object" || node === null) return false;
    const key = Object.keys(node).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
    if (key === undefined) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" && node !== null;
}

/** Every setting is one Interlink's schema declares, one the platform reads, or a host.json override of an existing section. */
export function settingNameFindings(settings: Settings, schemaKeys: string[], hostJson: unknown): string[] {
  const findings: string[] = [];
  for (const name of Object.keys(settings)) {
    if (schemaKeys.includes(name) || PLATFORM_SETTINGS.has(name)) continue;
    if (name.startsWith(HOST_OVERRIDE_PREFIX)) {
      const section = name.slice(HOST_OVERRIDE_PREFIX.length).split("__").slice(0, -1);
      if (!hasPath(hostJson, section)) findings.push(`${name} overrides host.json section ${section.join(".")}, which host.json does not have`);
      continue;
    }
    const nearest = [...schemaKeys].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0] ?? "";
    const hint = editDistance(name, nearest) <= 3 ? ` (did you mean ${nearest}?)` : "";
    findings.push(`${name} is neither an Interlink setting nor one the Functions platform reads${hint}`);
  }
  return findings;
}

/**
 * Secrets reach the app only through Key Vault references: a setting named like a secret, or whose value
 * carries a secure parameter, an account key or listKeys() output, must be a reference to a secret this
 * template stores. `secureMarkers` are how the secure parameters' values appear after evaluation.
 */
export function secretFindings(settings: Settings, resources: DeployedResource[], secureMarkers: string[]): string[] {
  const findings: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    const secret = referencedSecret(value, resources);
    if (secret === "missing") findings.push(`${name} references a Key Vault secret this template does not create`);
    if (secret !== null) continue;
    const plain = text(value);
    const why = SECRET_NAME.test(name)
      ? "its name marks it as a secret"
      : secureMarkers.some((marker) => plain.includes(marker))
        ? "it carries a secure parameter"
        : /listKeys\(|AccountKey=/i.test(plain)
          ? "it carries a storage account key"
          : /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(plain)
            ? "it carries a private key"
            : null;
    if (why) findings.push(`${name} is a plain app setting but ${why}: store it in Key Vault and set @Microsoft.KeyVault(SecretUri=...)`);
  }
  return findings;
}

/**
 * Replaces Key Vault references with the value of the secret they point at, as App Service does at
 * start-up; a reference to a secret that does not exist stays as the reference text, as it does in Azure.
 */
export function resolveReferences(settings: Settings, resources: DeployedResource[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]) => {
      const secret = referencedSecret(value, resources);
      const resolved = secret === null || secret === "missing" ? value : ((secret.properties as { value?: ArmValue } | null)?.value ?? null);
      return [name, text(resolved)];
    }),
  );
}

export interface RoleRules {
  /** Principal id expression of the identity the app runs as: every assignment must name it. */
  appPrincipal: string;
  /** Resource groups the identity may manage networking in. */
  networkResourceGroups: string[];
}

/** Every role assignment is narrow, scoped to a resource this template creates or to a declared network resource group, for the app's identity. */
export function roleFindings(resources: DeployedResource[], rules: RoleRules): string[] {
  const findings: string[] = [];
  const networkGroupIds = rules.networkResourceGroups.map(resourceGroupId);
  const customRoles = resources.filter((resource) => resource.type === "Microsoft.Authorization/roleDefinitions");
  for (const assignment of resources.filter((resource) => resource.type === "Microsoft.Authorization/roleAssignments")) {
    const properties = assignment.properties as { roleDefinitionId?: ArmValue; principalId?: ArmValue } | null;
    const roleId = text(properties?.roleDefinitionId ?? null);
    const roleGuid = roleId.split("/").pop() ?? "";
    const scope = assignment.scope ?? resourceGroupId(assignment.resourceGroup);
    const label = `role assignment ${assignment.name} on ${scope}`;
    if (text(properties?.principalId ?? null) !== rules.appPrincipal) findings.push(`${label} is for ${text(properties?.principalId ?? null)}, not the app's identity`);
    const broad = BROAD_ROLES[roleGuid];
    if (broad) {
      findings.push(`${label} grants ${broad}, broader than Interlink needs`);
      continue;
    }
    const custom = customRoles.find((role) => role.name === roleGuid);
    if (custom) {
      if (!roleId.startsWith("/subscriptions/") || roleId.includes("/resourceGroups/")) findings.push(`${label} names its role as ${roleId}; use the subscription-level role definition id`);
      if (!networkGroupIds.includes(scope)) findings.push(`${label} grants the network role outside the declared network resource groups`);
      continue;
    }
    const narrow = NARROW_ROLES[roleGuid];
    if (!narrow) {
      findings.push(`${label} grants role ${roleGuid}, which is not one of the narrow roles Interlink's identity may hold`);
      continue;
    }
    const target = resources.find((resource) => resource.id === scope);
    if (!target) findings.push(`${label} (${narrow.name}) is scoped to something this template does not create`);
    else if (target.type !== narrow.resourceType) findings.push(`${label} (${narrow.name}) is scoped to a ${target.type}; it belongs on a ${narrow.resourceType}`);
  }
  for (const role of customRoles) {
    const assignable = (role.properties as { assignableScopes?: ArmValue } | null)?.assignableScopes;
    const scopes = Array.isArray(assignable) ? assignable.map(text) : [];
    for (const extra of scopes.filter((candidate) => !networkGroupIds.includes(candidate))) findings.push(`the network role is assignable at ${extra}, outside the declared network resource groups`);
  }
  return findings;
}

/** The custom network role: exactly the required actions, no wildcard, no data actions. */
export function networkRoleFindings(resources: DeployedResource[], requiredActions: string[]): string[] {
  const roles = resources.filter((resource) => resource.type === "Microsoft.Authorization/roleDefinitions");
  if (roles.length !== 1) return [`expected one custom role definition (the Interlink network role), found ${roles.length}`];
  const permissions = (roles[0]?.properties as { permissions?: ArmValue } | null)?.permissions;
  const entries = Array.isArray(permissions) ? (permissions as Array<{ actions?: ArmValue; dataActions?: ArmValue }>) : [];
  const actions = entries.flatMap((entry) => (Array.isArray(entry.actions) ? entry.actions.map(text) : []));
  const findings: string[] = [];
  for (const action of actions.filter((candidate) => candidate.includes("*"))) findings.push(`the network role grants the wildcard ${action}`);
  for (const action of actions.filter((candidate) => !requiredActions.includes(candidate) && !candidate.includes("*"))) findings.push(`the network role grants ${action}, which Interlink does not use`);
  for (const action of requiredActions.filter((candidate) => !actions.includes(candidate))) findings.push(`the network role lacks ${action}, which Interlink needs`);
  if (entries.some((entry) => Array.isArray(entry.dataActions) && entry.dataActions.length > 0)) findings.push("the network role grants data actions");
  return findings;
}

/**
 * The Microsoft.Network actions each @azure/arm-network operation the adapter calls needs: the operation's
 * own action, the join actions ARM checks on resources it references, and the operation-status reads of
 * long-running calls.
 */
const LONG_RUNNING = ["Microsoft.Network/locations/operations/read", "Microsoft.Network/locations/operationResults/read"];
export const OPERATION_ACTIONS: Record<string, string[]> = {
  "virtualNetworks.get": ["Microsoft.Network/virtualNetworks/read"],
  "subnets.get": ["Microsoft.Network/virtualNetworks/subnets/read"],
  // Subnet writes also attach the NSG or route table Interlink made.
  "subnets.createOrUpdate": ["Microsoft.Network/virtualNetworks/subnets/write", "Microsoft.Network/networkSecurityGroups/join/action", "Microsoft.Network/routeTables/join/action", ...LONG_RUNNING],
  "subnets.delete": ["Microsoft.Network/virtualNetworks/subnets/delete", ...LONG_RUNNING],
  "networkSecurityGroups.get": ["Microsoft.Network/networkSecurityGroups/read"],
  "networkSecurityGroups.createOrUpdate": ["Microsoft.Network/networkSecurityGroups/write", ...LONG_RUNNING],
  "networkSecurityGroups.delete": ["Microsoft.Network/networkSecurityGroups/delete", ...LONG_RUNNING],
  "securityRules.get": ["Microsoft.Network/networkSecurityGroups/securityRules/read"],
  "securityRules.createOrUpdate": ["Microsoft.Network/networkSecurityGroups/securityRules/write", ...LONG_RUNNING],
  "securityRules.delete": ["Microsoft.Network/networkSecurityGroups/securityRules/delete", ...LONG_RUNNING],
  "routeTables.get": ["Microsoft.Network/routeTables/read"],
  "routeTables.createOrUpdate": ["Microsoft.Network/routeTables/write", ...LONG_RUNNING],
  "routeTables.delete": ["Microsoft.Network/routeTables/delete", ...LONG_RUNNING],
  "expressRouteCircuits.get": ["Microsoft.Network/expressRouteCircuits/read"],
  "expressRouteCircuits.createOrUpdate": ["Microsoft.Network/expressRouteCircuits/write", ...LONG_RUNNING],
  "expressRouteCircuits.delete": ["Microsoft.Network/expressRouteCircuits/delete", ...LONG_RUNNING],
  "expressRouteCircuits.listArpTable": ["Microsoft.Network/expressRouteCircuits/peerings/arpTables/action", ...LONG_RUNNING],
  "expressRouteCircuits.listRoutesTable": ["Microsoft.Network/expressRouteCircuits/peerings/routeTables/action", ...LONG_RUNNING],
  "virtualNetworkGateways.get": ["Microsoft.Network/virtualNetworkGateways/read"],
  "virtualNetworkGateways.list": ["Microsoft.Network/virtualNetworkGateways/read"],
  // A gateway's IP configuration joins the GatewaySubnet.
  "virtualNetworkGateways.createOrUpdate": ["Microsoft.Network/virtualNetworkGateways/write", "Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/publicIPAddresses/join/action", ...LONG_RUNNING],
  "publicIPAddresses.get": ["Microsoft.Network/publicIPAddresses/read"],
  "publicIPAddresses.createOrUpdate": ["Microsoft.Network/publicIPAddresses/write", ...LONG_RUNNING],
  "publicIPAddresses.delete": ["Microsoft.Network/publicIPAddresses/delete", ...LONG_RUNNING],
  "virtualNetworkGateways.delete": ["Microsoft.Network/virtualNetworkGateways/delete", ...LONG_RUNNING],
  "virtualNetworkGateways.listConnections": ["Microsoft.Network/virtualNetworkGateways/connections/read"],
  "virtualNetworkGateways.getLearnedRoutes": ["Microsoft.Network/virtualNetworkGateways/getlearnedroutes/action", ...LONG_RUNNING],
  "virtualNetworkGatewayConnections.get": ["Microsoft.Network/connections/read"],
  // A connection joins the gateway and the circuit.
  "virtualNetworkGatewayConnections.createOrUpdate": ["Microsoft.Network/connections/write", "Microsoft.Network/virtualNetworkGateways/join/action", "Microsoft.Network/expressRouteCircuits/join/action", ...LONG_RUNNING],
  "virtualNetworkGatewayConnections.delete": ["Microsoft.Network/connections/delete", ...LONG_RUNNING],
  // VPN: gateway reads (POST actions), shared keys, local network gateways (public IPs are above).
  "virtualNetworkGateways.getBgpPeerStatus": ["Microsoft.Network/virtualNetworkGateways/getBgpPeerStatus/action", ...LONG_RUNNING],
  "virtualNetworkGateways.generatevpnclientpackage": ["Microsoft.Network/virtualNetworkGateways/generatevpnclientpackage/action", ...LONG_RUNNING],
  "virtualNetworkGatewayConnections.getSharedKey": ["Microsoft.Network/connections/sharedKey/read"],
  "virtualNetworkGatewayConnections.setSharedKey": ["Microsoft.Network/connections/sharedKey/write", ...LONG_RUNNING],
  "localNetworkGateways.get": ["Microsoft.Network/localNetworkGateways/read"],
  "localNetworkGateways.createOrUpdate": ["Microsoft.Network/localNetworkGateways/write", ...LONG_RUNNING],
  "localNetworkGateways.delete": ["Microsoft.Network/localNetworkGateways/delete", ...LONG_RUNNING],
};

const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", "test", "emulators", "packages", "bench", "tools", "coverage", "infra", "docs"]);

/** Production TypeScript files that use @azure/arm-network (the app, not its offline tooling or tests). */
export function armNetworkSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || SKIPPED_DIRECTORIES.has(entry.name)) continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && readFileSync(full, "utf8").includes("@azure/arm-network")) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/**
 * The `<operation group>.<method>` calls in a source text, for the client's operation groups and their
 * methods, including through local aliases (`const circuits = this.client.expressRouteCircuits`). A long-running
 * call is named by its operation (`beginCreateOrUpdate`, `beginCreateOrUpdateAndWait`: `createOrUpdate`).
 */
export function networkOperationsIn(source: string, groups: Record<string, string[]>): string[] {
  const aliases = new Map<string, string>();
  for (const match of source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*[\w.]*?\.(\w+)\s*;/g)) {
    if (match[1] && match[2] && match[2] in groups) aliases.set(match[1], match[2]);
  }
  const operations = new Set<string>();
  for (const match of source.matchAll(/\b(\w+)\s*\.\s*(\w+)\b/g)) {
    const group = match[1] && (match[1] in groups ? match[1] : aliases.get(match[1]));
    if (group && match[2] && groups[group]?.includes(match[2])) operations.add(`${group}.${match[2].replace(/^begin(\w)(\w*?)(AndWait)?$/, (_whole, first: string, rest: string) => first.toLowerCase() + rest)}`);
  }
  return [...operations].sort();
}

/** Parameters, resources (type@apiVersion), modules and outputs declared by a Bicep file, read line by line. */
export interface BicepOutline {
  parameters: Record<string, string>;
  resources: string[];
  modules: string[];
  outputs: Record<string, string>;
}

export function bicepOutline(source: string): BicepOutline {
  const outline: BicepOutline = { parameters: {}, resources: [], modules: [], outputs: {} };
  let secure = false;
  for (const line of source.split("\n")) {
    if (/^@secure\(\)/.test(line)) secure = true;
    const parameter = /^param (\w+) (\w+)/.exec(line);
    if (parameter?.[1] && parameter[2]) {
      outline.parameters[parameter[1]] = secure && parameter[2] === "string" ? "securestring" : parameter[2];
      secure = false;
    }
    const resource = /^resource \w+ '([^'@]+)@([^']+)'(\s+existing)?/.exec(line);
    if (resource && !resource[3]) outline.resources.push(`${resource[1]}@${resource[2]}`);
    const module = /^module \w+ '([^']+)'/.exec(line);
    if (module?.[1]) outline.modules.push(module[1]);
    const output = /^output (\w+) (\w+)/.exec(line);
    if (output?.[1] && output[2]) outline.outputs[output[1]] = output[2];
  }
  return outline;
}

/** The quoted items of a Bicep `var name = [ ... ]` block, or the keys of a `var name = { ... }` block (also `var name = cond ? {} : { ... }`). */
export function bicepVariableBlock(source: string, name: string): string[] {
  const block = new RegExp(`^var ${name} = [^\\n]*?([\\[{])\\n([\\s\\S]*?)\\n[\\]}]`, "m").exec(source);
  if (!block?.[2]) throw new Error(`main.bicep has no block variable ${name}`);
  const lines = block[2].split("\n").filter((line) => !/^\s*\/\//.test(line));
  if (block[1] === "[") return lines.map((line) => /^\s*'([^']*)'/.exec(line)?.[1]).filter((item): item is string => item !== undefined);
  return lines.map((line) => /^ {2}(\w+):/.exec(line)?.[1]).filter((key): key is string => key !== undefined);
}
