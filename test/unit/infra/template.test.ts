import { readFileSync } from "node:fs";
import path from "node:path";
import { NetworkManagementClient } from "@azure/arm-network";
import { Settings } from "../../../shared/config/settings";
import { type ArmValue, type DeployedResource, deployedResources, DeployTimeValue, SUBSCRIPTION_ID, type Template, text } from "./arm-template";
import {
  appSettingsOf,
  armNetworkSourceFiles,
  bicepOutline,
  bicepVariableBlock,
  BUILT_IN_ROLES,
  FLEX_REFUSED_SETTINGS,
  networkOperationsIn,
  networkRoleFindings,
  OPERATION_ACTIONS,
  referencedSecret,
  resolveReferences,
  roleFindings,
  secretFindings,
  settingNameFindings,
} from "./template-checks";

const root = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const mainJson = read("infra/main.json");
const mainBicep = read("infra/main.bicep");
const template = JSON.parse(mainJson) as Template;
const hostJson: unknown = JSON.parse(read("host.json"));
const exampleParameters = (JSON.parse(read("infra/main.parameters.example.json")) as { parameters: Record<string, { value: ArmValue }> }).parameters;
const exampleValues = Object.fromEntries(Object.entries(exampleParameters).map(([name, parameter]) => [name, parameter.value]));

const RESOURCE_GROUP = "rg-interlink";
const SAMPLE_PEM = "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END PRIVATE KEY-----\n";
/** Values for the secure parameters when the app's start-up is simulated. */
const SAMPLE_TENANCY_CREDENTIALS = JSON.stringify([{ tenancy: "ocid1.tenancy.oc1..bbbb", user: "ocid1.user.oc1..bbbb", fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0", privateKey: SAMPLE_PEM }]);
const SECURE_SAMPLES: Record<string, string> = {
  ociPrivateKeyPem: SAMPLE_PEM,
  alertWebhookUrl: "https://alerts.example.com/hooks/interlink?token=sample",
  ociTenancyCredentials: SAMPLE_TENANCY_CREDENTIALS,
  secretStoreKey: Buffer.alloc(32, 7).toString("base64"),
};
const HOSTING_PLANS = (template.parameters?.hostingPlan?.allowedValues ?? []) as string[];
const secureParameters = Object.entries(template.parameters ?? {})
  .filter(([, declaration]) => declaration.type.toLowerCase() === "securestring")
  .map(([name]) => name);
/** How a secure parameter's value shows after evaluation when it is left symbolic. */
const secureMarker = (name: string) => `secure:${name}`;

/** Deploys on paper: the example parameters plus the plan, with secure parameters given or left symbolic. */
function deploy(source: Template, hostingPlan: string, options: { secrets: "sample" | "symbolic"; networkResourceGroups?: string[]; omit?: string[] }): DeployedResource[] {
  const sample = (name: string) => {
    const value = SECURE_SAMPLES[name];
    if (value === undefined) throw new Error(`no sample value for the secure parameter ${name}; add one to SECURE_SAMPLES`);
    return value;
  };
  const given = secureParameters.filter((name) => !options.omit?.includes(name));
  const secrets = Object.fromEntries(given.map((name) => [name, options.secrets === "sample" ? sample(name) : new DeployTimeValue(secureMarker(name))]));
  const parameters: Record<string, ArmValue> = { ...exampleValues, hostingPlan, ...secrets };
  if (options.networkResourceGroups) parameters.networkResourceGroups = options.networkResourceGroups;
  return deployedResources(source, parameters, RESOURCE_GROUP);
}

const schemaKeys = Object.keys(Settings.shape);
const isLoopback = (value: string) => URL.canParse(value) && ["127.0.0.1", "localhost", "[::1]"].includes(new URL(value).hostname);

/** Settings whose schema default only makes sense offline (Azurite, loopback endpoints): live mode must set them. */
function settingsWithOfflineDefaults(): string[] {
  const defaults = Settings.parse({ CLOUD_MODE: "live", OCI_AUTH: "resource_principal" }) as Record<string, unknown>;
  return Object.entries(defaults)
    .filter(([, value]) => typeof value === "string" && (value.includes("UseDevelopmentStorage") || isLoopback(value)))
    .map(([name]) => name);
}

/** The app's own settings schema, applied to what the app would see at start-up in Azure. */
function schemaFindings(environment: Record<string, string>): string[] {
  const parsed = Settings.safeParse(environment);
  const findings = parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "?")}: ${issue.message}`);
  if (environment.CLOUD_MODE !== "live") findings.push(`CLOUD_MODE is ${environment.CLOUD_MODE ?? "unset"}; a deployment to Azure runs in live mode`);
  for (const name of settingsWithOfflineDefaults()) if (!(name in environment)) findings.push(`${name} is not set, so the app would use its offline default`);
  return findings;
}

/** Operation groups of the Azure network client (one object per group, `SubnetsImpl`...) and their methods; no request is sent. */
function networkOperationGroups(): Record<string, string[]> {
  const client = new NetworkManagementClient({ getToken: async () => null }, SUBSCRIPTION_ID);
  const groups: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(client)) {
    if (name.startsWith("_") || typeof value !== "object" || value === null || !/Impl$/.test((value as object).constructor.name)) continue;
    const prototype = Object.getPrototypeOf(value) as Record<string, unknown>;
    const methods = Object.getOwnPropertyNames(prototype).filter((method) => method !== "constructor" && typeof prototype[method] === "function");
    if (methods.length > 0) groups[name] = methods;
  }
  return groups;
}

const sourceFiles = armNetworkSourceFiles(root);
const operationGroups = networkOperationGroups();
const networkOperations = [...new Set(sourceFiles.flatMap((file) => networkOperationsIn(readFileSync(file, "utf8"), operationGroups)))].sort();
const requiredNetworkActions = [...new Set(networkOperations.flatMap((operation) => OPERATION_ACTIONS[operation] ?? []))].sort();

function identityPrincipal(resources: DeployedResource[]): string {
  const identity = resources.find((resource) => resource.type === "Microsoft.ManagedIdentity/userAssignedIdentities");
  if (!identity) throw new Error("the template creates no user-assigned identity");
  return text(new DeployTimeValue(`reference(${identity.id}).principalId`));
}

/** Every rule, for one template and plan. */
function findings(source: Template, hostingPlan: string): string[] {
  const sample = deploy(source, hostingPlan, { secrets: "sample" });
  const symbolic = deploy(source, hostingPlan, { secrets: "symbolic" });
  const settings = appSettingsOf(symbolic);
  return [
    ...schemaFindings(resolveReferences(appSettingsOf(sample), sample)),
    ...settingNameFindings(settings, schemaKeys, hostJson),
    ...secretFindings(settings, symbolic, secureParameters.map(secureMarker)),
    ...roleFindings(symbolic, { appPrincipal: identityPrincipal(symbolic), networkResourceGroups: exampleValues.networkResourceGroups as string[] }),
    ...networkRoleFindings(symbolic, requiredNetworkActions),
  ];
}

describe("deployment template (infra/main.json)", () => {
  it("when read, then it offers both hosting plans and Flex Consumption is the default", () => {
    expect(HOSTING_PLANS).toEqual(["FlexConsumption", "ElasticPremium"]);
    expect(template.parameters?.hostingPlan?.defaultValue).toBe("FlexConsumption");
  });

  describe.each(HOSTING_PLANS)("on %s", (hostingPlan) => {
    const resources = deploy(template, hostingPlan, { secrets: "symbolic" });
    const settings = appSettingsOf(resources);
    const site = resources.find((resource) => resource.type === "Microsoft.Web/sites");
    const siteProperties = site?.properties as { functionAppConfig?: { runtime?: unknown }; siteConfig?: { linuxFxVersion?: unknown } } | undefined;

    it("then the app's settings schema accepts what the app sees at start-up, in live mode", () => {
      const sample = deploy(template, hostingPlan, { secrets: "sample" });
      const environment = resolveReferences(appSettingsOf(sample), sample);
      expect(schemaFindings(environment)).toEqual([]);
      const parsed = Settings.parse(environment);
      expect(parsed.CLOUD_MODE).toBe("live");
      expect(parsed.OCI_PRIVATE_KEY).toBe(SAMPLE_PEM);
      expect(parsed.ALERT_WEBHOOK_URL).toBe(SECURE_SAMPLES.alertWebhookUrl);
      expect(parsed.OCI_TENANCY_CREDENTIALS).toBe(SAMPLE_TENANCY_CREDENTIALS);
      expect(parsed.SECRET_STORE_KEY).toBe(SECURE_SAMPLES.secretStoreKey);
      expect(parsed.AzureWebJobsStorage).toMatch(/^DefaultEndpointsProtocol=https;AccountName=\w+;/);
    });

    it("then every setting name is one Interlink or the Functions platform reads", () => {
      expect(settingNameFindings(settings, schemaKeys, hostJson)).toEqual([]);
    });

    it("then the OCI key and the storage connection string reach the app only as Key Vault references", () => {
      expect(secretFindings(settings, resources, secureParameters.map(secureMarker))).toEqual([]);
      for (const name of ["OCI_PRIVATE_KEY", "AzureWebJobsStorage", "ALERT_WEBHOOK_URL", "OCI_TENANCY_CREDENTIALS", "SECRET_STORE_KEY"]) expect(referencedSecret(settings[name] ?? null, resources)).toMatchObject({ type: "Microsoft.KeyVault/vaults/secrets" });
      const vault = resources.find((resource) => resource.type === "Microsoft.KeyVault/vaults");
      expect(vault?.properties).toMatchObject({ enableRbacAuthorization: true });
      expect(site?.properties).toMatchObject({ keyVaultReferenceIdentity: resources.find((resource) => resource.type === "Microsoft.ManagedIdentity/userAssignedIdentities")?.id });
    });

    it("then the app runs Node.js 22 with the settings its plan needs", () => {
      if (hostingPlan === "FlexConsumption") {
        expect(siteProperties?.functionAppConfig?.runtime).toEqual({ name: "node", version: "22" });
        expect(Object.keys(settings).filter((name) => FLEX_REFUSED_SETTINGS.includes(name))).toEqual([]);
      } else {
        expect(siteProperties?.siteConfig?.linuxFxVersion).toBe("Node|22");
        expect(siteProperties?.functionAppConfig ?? null).toBeNull();
        expect(settings).toMatchObject({ FUNCTIONS_WORKER_RUNTIME: "node", FUNCTIONS_EXTENSION_VERSION: "~4" });
      }
    });

    it("then every role assignment is a narrow role for the app's identity on a resource of this deployment or a network resource group", () => {
      expect(roleFindings(resources, { appPrincipal: identityPrincipal(resources), networkResourceGroups: exampleValues.networkResourceGroups as string[] })).toEqual([]);
    });

    it("then all rules hold together", () => {
      expect(findings(template, hostingPlan)).toEqual([]);
    });
  });

  it("when no alert webhook, other tenancies' keys or secret store key are given, then the app gets none of those settings and the vault no secret for them", () => {
    const resources = deploy(template, "FlexConsumption", { secrets: "sample", omit: ["alertWebhookUrl", "ociTenancyCredentials", "secretStoreKey"] });
    for (const name of ["ALERT_WEBHOOK_URL", "OCI_TENANCY_CREDENTIALS", "SECRET_STORE_KEY"]) expect(appSettingsOf(resources)).not.toHaveProperty(name);
    expect(resources.filter((resource) => resource.type === "Microsoft.KeyVault/vaults/secrets").map((resource) => resource.name.split("/")[1])).toEqual(["oci-private-key", "storage-connection-string"]);
    expect(schemaFindings(resolveReferences(appSettingsOf(resources), resources))).toEqual([]);
  });

  it("when several network resource groups are declared, then the network role is assignable and assigned in each and nowhere else", () => {
    const groups = ["rg-hub", "rg-spoke-eu"];
    const resources = deploy(template, "FlexConsumption", { secrets: "symbolic", networkResourceGroups: groups });
    const assignedGroups = resources.filter((resource) => resource.type === "Microsoft.Authorization/roleAssignments" && resource.scope === null).map((resource) => resource.resourceGroup);
    expect(assignedGroups.sort()).toEqual(groups);
    expect(roleFindings(resources, { appPrincipal: identityPrincipal(resources), networkResourceGroups: groups })).toEqual([]);
    expect(roleFindings(resources, { appPrincipal: identityPrincipal(resources), networkResourceGroups: ["rg-hub"] })).toEqual([
      expect.stringContaining("grants the network role outside the declared network resource groups"),
      expect.stringContaining("assignable at /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke-eu"),
    ]);
  });

  it("when the Azure adapter's calls are read, then the network role holds exactly the Microsoft.Network actions they need", () => {
    expect(sourceFiles.map((file) => path.relative(root, file))).toContain(path.join("shared", "clouds", "azure", "network.ts"));
    expect(networkOperations).toEqual(expect.arrayContaining(["expressRouteCircuits.createOrUpdate", "virtualNetworkGatewayConnections.createOrUpdate", "expressRouteCircuits.listArpTable"]));
    const unmapped = networkOperations.filter((operation) => !(operation in OPERATION_ACTIONS));
    // A new ARM call needs its actions in OPERATION_ACTIONS (template-checks.ts) and in networkRoleActions (main.bicep, main.json).
    expect(unmapped).toEqual([]);
    expect(networkRoleFindings(deploy(template, "FlexConsumption", { secrets: "symbolic" }), requiredNetworkActions)).toEqual([]);
  });

  it("when the example parameters are read, then they name only declared parameters, hold no secret and give every value without a default", () => {
    const declared = template.parameters ?? {};
    expect(Object.keys(exampleParameters).filter((name) => !(name in declared))).toEqual([]);
    expect(Object.keys(exampleParameters).filter((name) => secureParameters.includes(name))).toEqual([]);
    const needed = Object.entries(declared).filter(([name, declaration]) => !("defaultValue" in declaration) && !secureParameters.includes(name));
    expect(needed.map(([name]) => name).filter((name) => !(name in exampleParameters))).toEqual([]);
  });
});

describe("deployment template rules, against a broken template", () => {
  const keyVaultReference = (secretVariable: string) =>
    `format('@Microsoft.KeyVault(SecretUri={0})', reference(resourceId('Microsoft.KeyVault/vaults/secrets', variables('keyVaultName'), variables('${secretVariable}')), '2023-07-01').secretUri)`;
  const storageReference = keyVaultReference("storageConnectionSecretName");
  const ociKeyReference = keyVaultReference("ociPrivateKeySecretName");

  function broken(from: string, to: string): Template {
    if (!mainJson.includes(from)) throw new Error(`main.json no longer contains ${from}; update this case`);
    return JSON.parse(mainJson.replace(from, to)) as Template;
  }

  it.each([
    ["a required OCI setting is missing", "'OCI_FINGERPRINT', parameters('ociFingerprint'), ", "", "OCI_FINGERPRINT: is required with the other OCI_* key settings"],
    ["a setting name is misspelled", "'OCI_FINGERPRINT'", "'OCI_FINGERPRNT'", "OCI_FINGERPRNT is neither an Interlink setting nor one the Functions platform reads (did you mean OCI_FINGERPRINT?)"],
    ["the storage connection is left to its offline default", `'AzureWebJobsStorage', ${storageReference}, `, "", "AzureWebJobsStorage is not set, so the app would use its offline default"],
    ["the app is left in emulator mode", "'CLOUD_MODE', 'live'", "'CLOUD_MODE', 'emulator'", "CLOUD_MODE is emulator"],
    ["a setting has a malformed value", "'HEALTH_CHECK_SCHEDULE', parameters('healthCheckSchedule')", "'HEALTH_CHECK_SCHEDULE', '*/5 * * * *'", "HEALTH_CHECK_SCHEDULE: must be a 6-field NCRONTAB expression"],
    ["the alert webhook is a plain app setting", "createObject('ALERT_WEBHOOK_URL', format('@Microsoft.KeyVault(SecretUri={0})', reference(resourceId('Microsoft.KeyVault/vaults/secrets', variables('keyVaultName'), variables('alertWebhookSecretName')), '2023-07-01').secretUri))", "createObject('ALERT_WEBHOOK_URL', parameters('alertWebhookUrl'))", "ALERT_WEBHOOK_URL is a plain app setting but it carries a secure parameter"],
    ["the OCI key is a plain app setting", `'OCI_PRIVATE_KEY', ${ociKeyReference}`, "'OCI_PRIVATE_KEY', parameters('ociPrivateKeyPem')", "OCI_PRIVATE_KEY is a plain app setting but its name marks it as a secret"],
    [
      "the storage account key is a plain app setting",
      `'AzureWebJobsStorage', ${storageReference}`,
      "'AzureWebJobsStorage', format('DefaultEndpointsProtocol=https;AccountName=x;AccountKey={0}', listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2023-05-01').keys[0].value)",
      "AzureWebJobsStorage is a plain app setting but it carries a storage account key",
    ],
    ["a secret setting references a secret the template does not store", "variables('ociPrivateKeySecretName')), '2023-07-01').secretUri)", "'missing-secret'), '2023-07-01').secretUri)", "OCI_PRIVATE_KEY references a Key Vault secret this template does not create"],
    ["the vault role is Contributor", '"keyVaultSecretsUserRoleId": "4633458b-17de-408a-b874-0445c86b69e6"', `"keyVaultSecretsUserRoleId": "${BUILT_IN_ROLES.contributor}"`, "grants Contributor, broader than Interlink needs"],
    ["the telemetry role is Owner", '"monitoringMetricsPublisherRoleId": "3913510d-42f4-4e42-8a64-420c390055eb"', `"monitoringMetricsPublisherRoleId": "${BUILT_IN_ROLES.owner}"`, "grants Owner, broader than Interlink needs"],
    ["a narrow role is scoped to the whole resource group", `"scope": "[format('Microsoft.KeyVault/vaults/{0}', variables('keyVaultName'))]",`, "", "(Key Vault Secrets User) is scoped to something this template does not create"],
    ["a narrow role is scoped to the wrong kind of resource", "\"scope\": \"[format('Microsoft.Insights/components/{0}', variables('appInsightsName'))]\"", "\"scope\": \"[format('Microsoft.KeyVault/vaults/{0}', variables('keyVaultName'))]\"", "(Monitoring Metrics Publisher) is scoped to a Microsoft.KeyVault/vaults"],
    ["the network role has a wildcard", '"Microsoft.Network/virtualNetworks/read",', '"Microsoft.Network/*", "Microsoft.Network/virtualNetworks/read",', "the network role grants the wildcard Microsoft.Network/*"],
    ["the network role misses an action", '"Microsoft.Network/expressRouteCircuits/join/action",', "", "the network role lacks Microsoft.Network/expressRouteCircuits/join/action"],
    ["the network role grants an action Interlink does not use", '"Microsoft.Network/virtualNetworks/read",', '"Microsoft.Network/virtualNetworks/write", "Microsoft.Network/virtualNetworks/read",', "the network role grants Microsoft.Network/virtualNetworks/write, which Interlink does not use"],
    ["the network role is assigned outside the network resource groups", "\"resourceGroup\": \"[parameters('networkResourceGroups')[copyIndex()]]\"", '"resourceGroup": "rg-elsewhere"', "grants the network role outside the declared network resource groups"],
    ["the network role is assignable subscription-wide", "\"input\": \"[format('{0}/resourceGroups/{1}', subscription().id, parameters('networkResourceGroups')[copyIndex('networkResourceGroupIds')])]\"", "\"input\": \"[subscription().id]\"", "the network role is assignable at /subscriptions/00000000-0000-0000-0000-000000000000, outside"],
    ["a role goes to another principal", "\"principalId\": \"[parameters('principalId')]\"", '"principalId": "ffffffff-ffff-ffff-ffff-ffffffffffff"', "is for ffffffff-ffff-ffff-ffff-ffffffffffff, not the app's identity"],
  ])("when %s, then a rule reports it", (_case, from, to, expected) => {
    for (const hostingPlan of HOSTING_PLANS) {
      expect(findings(broken(from, to), hostingPlan)).toContainEqual(expect.stringContaining(expected));
    }
  });
});

describe("infra/main.bicep and its compiled infra/main.json", () => {
  const outline = bicepOutline(mainBicep);
  const jsonTypes = (source: Template) => source.resources.map((resource) => `${resource.type}@${resource.apiVersion}`).sort();
  const parameterTypes = (source: Template) => Object.fromEntries(Object.entries(source.parameters ?? {}).map(([name, declaration]) => [name, declaration.type.toLowerCase()]));
  const outputTypes = (source: Template) => Object.fromEntries(Object.entries(source.outputs ?? {}).map(([name, output]) => [name, output.type.toLowerCase()]));
  const nestedTemplates = template.resources.filter((resource) => resource.type === "Microsoft.Resources/deployments").map((resource) => (resource.properties as { template: Template }).template);

  it("then they declare the same parameters with the same types", () => {
    expect(parameterTypes(template)).toEqual(outline.parameters);
  });

  it("then they deploy the same resource types at the same API versions, modules as nested deployments", () => {
    expect(jsonTypes(template)).toEqual([...outline.resources, ...outline.modules.map(() => "Microsoft.Resources/deployments@2022-09-01")].sort());
  });

  it("then each module matches its nested deployment", () => {
    expect(nestedTemplates).toHaveLength(outline.modules.length);
    outline.modules.forEach((modulePath, index) => {
      const module = bicepOutline(read(path.join("infra", modulePath)));
      const nested = nestedTemplates[index] as Template;
      expect(parameterTypes(nested)).toEqual(module.parameters);
      expect(jsonTypes(nested)).toEqual([...module.resources].sort());
      expect(outputTypes(nested)).toEqual(module.outputs);
    });
  });

  it("then they declare the same outputs", () => {
    expect(outputTypes(template)).toEqual(outline.outputs);
  });

  it("then the network role's actions and the queues are the same lists", () => {
    expect(template.variables?.networkRoleActions).toEqual(bicepVariableBlock(mainBicep, "networkRoleActions"));
    expect(template.variables?.queueNames).toEqual(bicepVariableBlock(mainBicep, "queueNames"));
  });

  it("then each plan gets the app settings the Bicep declares for it", () => {
    const common = [...bicepVariableBlock(mainBicep, "commonAppSettings"), ...bicepVariableBlock(mainBicep, "alertAppSettings"), ...bicepVariableBlock(mainBicep, "tenancyCredentialsAppSettings"), ...bicepVariableBlock(mainBicep, "secretStoreAppSettings")];
    const premium = bicepVariableBlock(mainBicep, "elasticPremiumAppSettings");
    expect(Object.keys(appSettingsOf(deploy(template, "FlexConsumption", { secrets: "symbolic" }))).sort()).toEqual([...common].sort());
    expect(Object.keys(appSettingsOf(deploy(template, "ElasticPremium", { secrets: "symbolic" }))).sort()).toEqual([...common, ...premium].sort());
  });
});
