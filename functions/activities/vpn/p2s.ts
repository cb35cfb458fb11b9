import { createHash, X509Certificate } from "node:crypto";
import { ConfigureP2sActivity, P2sClientPackageActivity, P2sPreflightActivity, RemoveP2sActivity } from "../../../orchestrations/contracts/vpn-p2s";
import { currentTime } from "../../../shared/config/clock";
import { newRootCertificate } from "../../../shared/clouds/p2s-certificates";
import { isNotReady } from "../../../shared/clouds/ports";
import { cidr, overlaps } from "../../../shared/domain/cidr";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { p2sRootCertificateName, p2sRootSecretName, StoredP2sRoot } from "../../../shared/domain/p2s-root";
import { type SecretStore } from "../../../shared/secrets/store";
import { type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, refusal } from "../network/context";

export type P2sDeps = NetworkDeps & { secrets: () => SecretStore };

const nameOf = (id: string) => id.split("/").pop() ?? id;

/** The client pool must not overlap the VNet: clients could not reach what shares their addresses. */
const preflight: NetworkHandler<typeof P2sPreflightActivity> = async (ctx, input) => {
  const where = input.azure;
  const vnet = await ctx.azure(where).getVirtualNetwork(where.resourceGroup, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${where.resourceGroup} of subscription ${where.subscriptionId}`);
  for (const [index, block] of input.clientAddressPool.entries()) {
    const clash = vnet.addressSpaces.find((space) => overlaps(cidr(space), cidr(block)));
    if (clash) return refusal("ClientAddressPoolOverlapsVnet", `clientAddressPool[${index}] (${block}) overlaps the VNet's address space ${clash}: clients could not reach it`);
  }
  const warnings = vnet.subnets.some((subnet) => subnet.name === GATEWAY_SUBNET_NAME) ? [] : [`${where.vnet} has no ${GATEWAY_SUBNET_NAME}: it will be created`];
  return { kind: "ok" as const, vnetId: vnet.id, location: vnet.location, vnetCidrs: vnet.addressSpaces, warnings };
};

/** The link's root: read back from the secret store (a replay keeps it), else made now and sealed before any upload. */
async function rootOf(secrets: SecretStore, link: string): Promise<StoredP2sRoot & { publicCertData: string }> {
  const stored = await secrets.get(p2sRootSecretName(link));
  if (stored) {
    const root = StoredP2sRoot.parse(JSON.parse(stored));
    return { ...root, publicCertData: new X509Certificate(root.certificatePem).raw.toString("base64") };
  }
  const made = await newRootCertificate(`${link} point-to-site root`, currentTime());
  await secrets.put(p2sRootSecretName(link), JSON.stringify({ certificatePem: made.certificatePem, privateKeyPem: made.privateKeyPem }));
  return made;
}

const configure = (secrets: () => SecretStore): NetworkHandler<typeof ConfigureP2sActivity> => async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const gateway = await azure.getVpnGateway(where.resourceGroup, nameOf(input.gatewayId));
  if (!gateway) return notReady(`the VPN gateway ${nameOf(input.gatewayId)} is not there yet`);
  const certificateName = p2sRootCertificateName(ctx.owner);
  const foreign = (gateway.pointToSite?.rootCertificateNames ?? []).filter((name) => name !== certificateName);
  if (foreign.length > 0) return refusal("PointToSiteInUse", `the VPN gateway ${gateway.name} already has a point-to-site configuration (root certificates ${foreign.join(", ")}) that Interlink did not make`);
  const root = await rootOf(secrets(), ctx.owner);
  const put = await azure.setPointToSite(where.resourceGroup, gateway.name, {
    addressPrefixes: input.clientAddressPool,
    rootCertificates: [{ name: certificateName, publicCertData: root.publicCertData }],
    protocols: ["IkeV2", "OpenVPN"],
  });
  if (isNotReady(put)) return notReady(put.notReady);
  const thumbprint = createHash("sha1").update(Buffer.from(root.publicCertData, "base64")).digest("hex").toUpperCase();
  return { kind: "ok" as const, rootCertificateName: certificateName, rootCertificateThumbprint: thumbprint, operations: operationsOf(put) };
};

const clientPackage: NetworkHandler<typeof P2sClientPackageActivity> = async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const read = input.operation ? await azure.resumeVpnClientPackage(input.operation) : await azure.startVpnClientPackage(where.resourceGroup, nameOf(input.gatewayId));
  if (isNotReady(read)) return notReady(read.notReady);
  return { kind: "ok" as const, ...(read.done ? { url: read.value } : { operation: read.operation }) };
};

const remove = (secrets: () => SecretStore): NetworkHandler<typeof RemoveP2sActivity> => async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
  const gateway = vnet ? await azure.findVpnGateway(where.resourceGroup, vnet.id) : null;
  let configurationRemoved = false;
  let operations: string[] = [];
  if (gateway?.pointToSite?.rootCertificateNames.includes(p2sRootCertificateName(ctx.owner))) {
    const put = await azure.setPointToSite(where.resourceGroup, gateway.name, null);
    if (isNotReady(put)) return notReady(put.notReady);
    configurationRemoved = true;
    operations = operationsOf(put);
  }
  // The key goes last: while the gateway still trusts the root, a retried setup must find the same key.
  const secret = await secrets().delete(p2sRootSecretName(ctx.owner));
  return { kind: "ok" as const, configurationRemoved, secretDeleted: secret.existed, operations };
};

export function createP2sActivities(deps: P2sDeps) {
  return {
    P2sPreflightActivity: networkActivity(deps, P2sPreflightActivity, preflight),
    ConfigureP2sActivity: networkActivity(deps, ConfigureP2sActivity, configure(deps.secrets)),
    P2sClientPackageActivity: networkActivity(deps, P2sClientPackageActivity, clientPackage),
    RemoveP2sActivity: networkActivity(deps, RemoveP2sActivity, remove(deps.secrets)),
  };
}
