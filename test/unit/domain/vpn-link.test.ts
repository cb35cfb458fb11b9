import { parseWith } from "../../../shared/domain/problem";
import { tunnelInside, VpnLinkRequest } from "../../../shared/domain/vpn-link";

const site = (change: Record<string, unknown> = {}) => ({
  name: "erp-db-vpn",
  type: "azure-oci",
  azure: { subscriptionId: "00000000-0000-0000-0000-000000000000", resourceGroup: "rg-net", region: "eastus", vnet: { name: "vnet-app" }, gatewaySubnetPrefix: "10.10.255.0/27" },
  oci: { region: "us-ashburn-1", compartmentId: "ocid1.compartment.oc1..aaaa", vcnId: "ocid1.vcn.oc1.iad.aaaa", drgId: "ocid1.drg.oc1.iad.aaaa" },
  ...change,
});

const errorsOf = (input: unknown) => {
  const parsed = parseWith(VpnLinkRequest, input);
  return parsed.ok ? [] : parsed.errors.map((error) => `${error.path}: ${error.message}`);
};

describe("VPN link requests", () => {
  it("when the defaults apply, then BGP runs over 169.254.21.0/30 and 169.254.22.0/30 with Oracle on the first host and Azure's APIPA address on the second", () => {
    const parsed = parseWith(VpnLinkRequest, site());
    if (!parsed.ok || parsed.value.type !== "azure-oci") throw new Error("the example request should parse");
    expect(parsed.value.routing).toEqual({ mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.22.0/30"] });
    expect(tunnelInside("169.254.22.4/30")).toEqual({ oracle: "169.254.22.5", azure: "169.254.22.6", prefixLength: 30 });
  });

  it("when a tunnel's inside block is outside Azure's APIPA range, not a /30, or overlaps the other, then the field and the rule are named", () => {
    expect(errorsOf(site({ routing: { mode: "bgp", tunnels: ["169.254.20.0/30", "169.254.21.0/29"] } }))).toEqual([
      expect.stringMatching(/^routing\.tunnels\[0\]: must lie in Azure's APIPA range 169\.254\.21\.0-169\.254\.22\.255/),
      expect.stringMatching(/^routing\.tunnels\[1\]: must be a \/30/),
    ]);
    expect(errorsOf(site({ routing: { mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.21.0/30"] } }))).toEqual(["routing.tunnels[1]: must not overlap tunnels[0] (169.254.21.0/30)"]);
    expect(errorsOf(site({ routing: { mode: "bgp", tunnels: ["169.254.21.0/30"] } }))).toEqual(["routing.tunnels: must give one inside /30 per OCI tunnel (two)"]);
  });

  it("when the IPsec policy has an algorithm one cloud lacks, or the gateway a reserved ASN, then the field is named", () => {
    const policy = { saLifeTimeSeconds: 27000, saDataSizeKilobytes: 102400000, ikeEncryption: "AES256", ikeIntegrity: "SHA384", dhGroup: "DHGroup1", ipsecEncryption: "GCMAES256", ipsecIntegrity: "GCMAES256", pfsGroup: "ECP384" };
    expect(errorsOf(site({ ipsecPolicy: policy }))).toEqual(["ipsecPolicy.dhGroup: dhGroup DHGroup1 has no OCI equivalent: both clouds must accept the policy"]);
    const azure = { ...site().azure, gateway: { asn: 31898 } };
    expect(errorsOf(site({ azure }))).toEqual([expect.stringMatching(/^azure\.gateway\.asn: is reserved by Azure or Oracle/)]);
  });

  it("when a vnet-to-vnet request names the same VNet twice, then the second is refused", () => {
    const side = site().azure;
    expect(errorsOf({ name: "hub-remote", type: "vnet-to-vnet", vnets: [side, side] })).toEqual(["vnets[1]: must be another VNet than vnets[0]"]);
    expect(errorsOf({ name: "hub-remote", type: "vnet-to-vnet", vnets: [side, { ...side, subscriptionId: "22222222-2222-2222-2222-222222222222" }] })).toEqual([]);
    expect(errorsOf({ ...site(), type: "site-to-device" })).toEqual([expect.stringMatching(/^type: /)]);
  });

  it("when a point-to-site client pool is public, too small, overlaps itself or the GatewaySubnet, then each entry is named with its rule", () => {
    const p2s = (clientAddressPool: unknown) => ({ name: "staff-p2s", type: "point-to-site", azure: site().azure, clientAddressPool });
    expect(errorsOf(p2s(["172.16.201.0/24", "100.64.0.0/24"]))).toEqual([]);
    const errors = errorsOf(p2s(["8.8.8.0/24", "192.168.1.0/30", "10.10.255.0/26"]));
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^clientAddressPool\[0\]: must lie in a private range/),
        expect.stringMatching(/^clientAddressPool\[1\]: must be a \/29 or larger/),
        "clientAddressPool[2]: must not overlap azure.gatewaySubnetPrefix (10.10.255.0/27)",
      ]),
    );
    expect(errorsOf(p2s(["172.16.0.0/16", "172.16.4.0/24"]))).toEqual(["clientAddressPool[1]: must not overlap clientAddressPool[0] (172.16.0.0/16)"]);
    expect(errorsOf(p2s([]))).toEqual(["clientAddressPool: must give at least one range"]);
  });
});
