import { withPresetOcid } from "../core/ids";
import type { OciTenancyCredentials, OciTenancySpec } from "../oci/identity/tenancy-seed";
import { azureNetworkClient, ociIdentityClient, ociVirtualNetworkClient } from "./sdk-clients";
import { type CloudEmulators } from "./start";

/**
 * The networks the example request (`test/fixtures/design-example.json`) refers to, so that request works against a
 * fresh offline stack: the Azure VNet `vnet-app` (10.10.0.0/16, with an `app` subnet) in `rg-net`, and in OCI the
 * compartment `network` (`ocid1.compartment.oc1..aaaa`) of the default tenancy with the VCN
 * `ocid1.vcn.oc1.iad.aaaa` (10.20.0.0/16, with the subnet `ocid1.subnet.oc1.iad.aaaa` and a host's VNIC `ocid1.vnic.oc1.iad.aaaa` in it) and the DRG `ocid1.drg.oc1.iad.aaaa`. Created through the real SDKs;
 * existing resources are left alone. `DEMO.partner` is a second tenancy for cross-tenancy work (`seedPartnerTenancy`).
 */
export const DEMO = {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  resourceGroup: "rg-net",
  location: "eastus",
  vnet: { name: "vnet-app", addressSpace: "10.10.0.0/16", appSubnet: "10.10.1.0/24" },
  compartmentId: "ocid1.compartment.oc1..aaaa",
  compartmentName: "network",
  vcn: { id: "ocid1.vcn.oc1.iad.aaaa", cidr: "10.20.0.0/16", displayName: "vcn-db" },
  /** The VCN's database subnet (on the default security list) and the VNIC of a database host in it. */
  subnet: { id: "ocid1.subnet.oc1.iad.aaaa", cidr: "10.20.0.0/24", displayName: "subnet-db" },
  vnic: { id: "ocid1.vnic.oc1.iad.aaaa", privateIp: "10.20.0.5", displayName: "db-host" },
  drg: { id: "ocid1.drg.oc1.iad.aaaa", displayName: "drg-shared" },
  /** Another organisation's tenancy: its administrator, a `network-admin` in `NetworkAdmins`, compartment `partner-network`. */
  partner: {
    name: "partner",
    homeRegion: "us-ashburn-1",
    regions: ["us-phoenix-1"],
    compartments: ["partner-network"],
    users: [{ name: "network-admin", groups: ["NetworkAdmins"] }],
  } satisfies OciTenancySpec,
} as const;

const exists = async (read: () => Promise<unknown>) => {
  try {
    await read();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
};

export async function seedDemoNetworks(emulators: Pick<CloudEmulators, "azure" | "oci" | "admin">): Promise<void> {
  const azure = azureNetworkClient(emulators.azure, DEMO.subscriptionId);
  const oci = ociVirtualNetworkClient(emulators.oci);
  const identity = ociIdentityClient(emulators.oci);
  if (!(await exists(() => identity.getCompartment({ compartmentId: DEMO.compartmentId })))) {
    await withPresetOcid("compartment", DEMO.compartmentId, () =>
      identity.createCompartment({ createCompartmentDetails: { compartmentId: emulators.oci.tenancy, name: DEMO.compartmentName, description: "Networks of the example request" } }),
    );
  }
  if (!(await exists(() => azure.virtualNetworks.get(DEMO.resourceGroup, DEMO.vnet.name)))) {
    await azure.virtualNetworks.beginCreateOrUpdate(DEMO.resourceGroup, DEMO.vnet.name, {
      location: DEMO.location,
      addressSpace: { addressPrefixes: [DEMO.vnet.addressSpace] },
      subnets: [{ name: "app", addressPrefix: DEMO.vnet.appSubnet }],
    });
  }
  if (!(await exists(() => oci.getVcn({ vcnId: DEMO.vcn.id })))) {
    await withPresetOcid("vcn", DEMO.vcn.id, () => oci.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [DEMO.vcn.cidr], displayName: DEMO.vcn.displayName } }));
  }
  if (!(await exists(() => oci.getDrg({ drgId: DEMO.drg.id })))) {
    await withPresetOcid("drg", DEMO.drg.id, () => oci.createDrg({ createDrgDetails: { compartmentId: DEMO.compartmentId, displayName: DEMO.drg.displayName } }));
  }
  // A subnet needs its VCN available.
  await emulators.admin.advanceClock(60_000);
  if (!(await exists(() => oci.getSubnet({ subnetId: DEMO.subnet.id })))) {
    await withPresetOcid("subnet", DEMO.subnet.id, () =>
      oci.createSubnet({ createSubnetDetails: { compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, cidrBlock: DEMO.subnet.cidr, displayName: DEMO.subnet.displayName } }),
    );
  }
  if (!(await exists(() => oci.getVnic({ vnicId: DEMO.vnic.id })))) {
    await emulators.admin.outOfBand({ action: "launchVnic", cloud: "oci", id: DEMO.vnic.id, subnetId: DEMO.subnet.id, privateIp: DEMO.vnic.privateIp, displayName: DEMO.vnic.displayName });
  }
  // Let the seeded resources finish provisioning before anyone uses them.
  await emulators.admin.advanceClock(60_000);
}

/** The partner tenancy (`DEMO.partner`), made through the admin API; returns its users' credentials. */
export function seedPartnerTenancy(emulators: Pick<CloudEmulators, "admin">): Promise<OciTenancyCredentials> {
  return emulators.admin.createOciTenancy(DEMO.partner);
}
