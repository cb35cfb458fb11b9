import { AzureNetwork } from "../shared/clouds/azure/network";
import { grantedPermissions } from "../shared/clouds/azure/permissions";
import { ARM_SCOPE, armEndpoint, azureCredential, networkClient, ociClient } from "../shared/clouds/clients";
import { classifyCloudError } from "../shared/clouds/errors";
import { OciNetwork } from "../shared/clouds/oci/network";
import { RateLimiter } from "../shared/clouds/rate-limit";
import { type Settings } from "../shared/config/settings";
import { AZURE_NETWORK_ACTIONS, missingActions } from "../shared/domain/azure-permissions";
import { type SetupRequest } from "../shared/domain/setup-request";

/**
 * Live-mode preflight: can Interlink's identities reach and change what a setup needs, on both clouds? Each check
 * makes one or two read-only calls (a token, a read, the caller's own permissions); nothing is created.
 */
export interface DoctorCheck {
  cloud: "azure" | "oci";
  check: string;
  /** `missing`: a credential or permission Interlink needs is not there (the fix says how to add it). */
  status: "ok" | "missing" | "error" | "skipped";
  detail: string;
  fix?: string;
}

export interface DoctorReport {
  mode: Settings["CLOUD_MODE"];
  checks: DoctorCheck[];
  problems: number;
}

const ROLE_FIX = "give Interlink's identity the 'Interlink network operator' role on that resource group (infra/main.bicep assigns it to each of networkResourceGroups; see docs/deploy.md, The Azure role)";
const POLICY_FIX = (compartmentId: string) =>
  `let the OCI user's group manage virtual-network-family there: 'Allow group <group> to manage virtual-network-family in compartment id ${compartmentId}' (interlink policies prints it for the interconnect scenario; see docs/deploy.md, The OCI policies)`;

function failed(error: unknown): { status?: number; text: string } {
  const { failure } = classifyCloudError(error);
  return { ...(failure.status !== undefined ? { status: failure.status } : {}), text: `${failure.status ?? ""} ${failure.code}: ${failure.message}`.trim() };
}

function tokenFix(settings: Settings): string {
  return settings.CLOUD_MODE === "live"
    ? "in Azure, set AZURE_CLIENT_ID to the managed identity's client id (identityClientId output); on your machine, sign in with az login (DefaultAzureCredential)"
    : "the emulator's static token is always accepted: check AZURE_ARM_ENDPOINT and AZURE_ARM_CA_FILE";
}

async function azureChecks(settings: Settings, scopes: Array<{ subscriptionId: string; resourceGroup: string; vnet: string }>): Promise<DoctorCheck[]> {
  const credential = azureCredential(settings);
  try {
    await credential.getToken(ARM_SCOPE);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
    return [
      { cloud: "azure", check: "credential", status: "missing", detail: `no token for Azure Resource Manager: ${reason}`, fix: tokenFix(settings) },
      ...scopes.map((scope) => ({ cloud: "azure" as const, check: `resource group ${scope.resourceGroup}`, status: "skipped" as const, detail: "no token" })),
    ];
  }
  const checks: DoctorCheck[] = [{ cloud: "azure", check: "credential", status: "ok", detail: `a token for ${armEndpoint(settings)}` }];
  for (const scope of scopes) {
    const client = networkClient(settings, credential, scope.subscriptionId);
    const where = `resource group ${scope.resourceGroup}`;
    try {
      const vnet = await new AzureNetwork(client, scope.subscriptionId).getVirtualNetwork(scope.resourceGroup, scope.vnet);
      checks.push(
        vnet
          ? { cloud: "azure", check: `read ${where}`, status: "ok", detail: `VNet ${scope.vnet}: ${vnet.addressSpaces.join(", ")}` }
          : { cloud: "azure", check: `read ${where}`, status: "missing", detail: `no VNet ${scope.vnet} in ${scope.resourceGroup} of subscription ${scope.subscriptionId}`, fix: "check azure.subscriptionId, azure.resourceGroup and azure.vnet.name in the request" },
      );
    } catch (error) {
      const refusal = failed(error);
      const denied = refusal.status === 401 || refusal.status === 403;
      checks.push({ cloud: "azure", check: `read ${where}`, status: denied ? "missing" : "error", detail: `reading VNet ${scope.vnet} was refused: ${refusal.text}`, ...(denied ? { fix: ROLE_FIX } : {}) });
    }
    try {
      const missing = missingActions(AZURE_NETWORK_ACTIONS, await grantedPermissions(client, armEndpoint(settings), scope.subscriptionId, scope.resourceGroup));
      checks.push(
        missing.length === 0
          ? { cloud: "azure", check: `permissions in ${where}`, status: "ok", detail: `all ${AZURE_NETWORK_ACTIONS.length} actions Interlink performs are granted` }
          : { cloud: "azure", check: `permissions in ${where}`, status: "missing", detail: `not granted: ${missing.join(", ")}`, fix: ROLE_FIX },
      );
    } catch (error) {
      checks.push({ cloud: "azure", check: `permissions in ${where}`, status: "error", detail: `could not read the identity's permissions there: ${failed(error).text}`, fix: ROLE_FIX });
    }
  }
  return checks;
}

function ociCredentialFix(settings: Settings): string {
  if (settings.OCI_AUTH !== "api_key") return `${settings.OCI_AUTH} works only on OCI compute; use OCI_AUTH=api_key elsewhere`;
  return "upload the public key of OCI_PRIVATE_KEY (or the config profile's key_file) to the user in OCI_USER_OCID (Console: the user's API keys), and check OCI_TENANCY_OCID, OCI_USER_OCID and OCI_FINGERPRINT (the key's MD5 fingerprint); see docs/deploy.md, The OCI policies";
}

async function ociChecks(settings: Settings, scopes: Array<{ compartmentId: string; vcnId: string; drgId?: string | undefined }>): Promise<DoctorCheck[]> {
  let oci: OciNetwork;
  try {
    oci = new OciNetwork(await ociClient(settings), new RateLimiter(settings.OCI_MAX_REQUESTS_PER_SECOND));
  } catch (error) {
    return [{ cloud: "oci", check: "credential", status: "missing", detail: `the OCI credentials could not be loaded: ${error instanceof Error ? error.message : String(error)}`, fix: ociCredentialFix(settings) }];
  }
  const checks: DoctorCheck[] = [];
  for (const [index, scope] of scopes.entries()) {
    const where = `compartment ${scope.compartmentId}`;
    try {
      const provider = await oci.findAzureProviderService(scope.compartmentId);
      if (index === 0) checks.push({ cloud: "oci", check: "signed request", status: "ok", detail: "OCI accepted the request signature" });
      if (!provider) checks.push({ cloud: "oci", check: `read ${where}`, status: "missing", detail: "no 'Microsoft Azure' FastConnect provider service in this region", fix: "use an OCI region interconnected with the Azure region (OCI_REGION)" });
    } catch (error) {
      const refusal = failed(error);
      if (refusal.status === 401) {
        return [
          ...checks,
          { cloud: "oci", check: "signed request", status: "missing", detail: `OCI refused the request signature: ${refusal.text}`, fix: ociCredentialFix(settings) },
          { cloud: "oci", check: `read ${where}`, status: "skipped", detail: "the signature was refused" },
        ];
      }
      checks.push({ cloud: "oci", check: `read ${where}`, status: refusal.status === 404 ? "missing" : "error", detail: `listing FastConnect provider services was refused: ${refusal.text}`, fix: POLICY_FIX(scope.compartmentId) });
      continue;
    }
    try {
      const vcn = await oci.getVcn(scope.vcnId);
      const drg = scope.drgId ? await oci.getDrg(scope.drgId) : undefined;
      const unseen = [...(vcn ? [] : [`VCN ${scope.vcnId}`]), ...(drg === null ? [`DRG ${scope.drgId ?? ""}`] : [])];
      checks.push(
        unseen.length === 0
          ? { cloud: "oci", check: `read ${where}`, status: "ok", detail: `VCN ${scope.vcnId}${scope.drgId ? ` and DRG ${scope.drgId}` : ""} are visible` }
          : { cloud: "oci", check: `read ${where}`, status: "missing", detail: `${unseen.join(" and ")} not found or not visible to this user`, fix: `check the OCIDs in the request; if they are right, ${POLICY_FIX(scope.compartmentId)}` },
      );
    } catch (error) {
      checks.push({ cloud: "oci", check: `read ${where}`, status: "error", detail: `reading the VCN was refused: ${failed(error).text}`, fix: POLICY_FIX(scope.compartmentId) });
    }
  }
  return checks;
}

const unique = <T>(items: T[], key: (item: T) => string): T[] => [...new Map(items.map((item) => [key(item), item])).values()];

/** Runs every check for the scopes the requests name (each resource group and compartment once). */
export async function runDoctor(settings: Settings, requests: SetupRequest[]): Promise<DoctorReport> {
  const azureScopes = unique(
    requests.map(({ azure }) => ({ subscriptionId: azure.subscriptionId, resourceGroup: azure.resourceGroup, vnet: azure.vnet.name })),
    (scope) => `${scope.subscriptionId}/${scope.resourceGroup}/${scope.vnet}`.toLowerCase(),
  );
  const ociScopes = unique(
    requests.map(({ oci }) => ({ compartmentId: oci.compartmentId, vcnId: oci.vcnId, drgId: oci.drgId })),
    (scope) => `${scope.compartmentId}/${scope.vcnId}/${scope.drgId ?? ""}`,
  );
  const [azure, oci] = await Promise.all([azureChecks(settings, azureScopes), ociChecks(settings, ociScopes)]);
  const checks = [...azure, ...oci];
  return { mode: settings.CLOUD_MODE, checks, problems: checks.filter((check) => check.status === "missing" || check.status === "error").length };
}
