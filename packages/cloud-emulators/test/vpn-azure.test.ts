import type { VirtualNetworkGateway } from "@azure/arm-network";
import { generate } from "selfsigned";
import { armId, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";
import { AZURE_POLICY, buildVpnGateway } from "./vpn-fixture";

const VNET = armId("virtualNetworks", "vnet-app");

/** A root certificate's public data as Azure takes it: Base64 DER, no PEM armour. */
async function rootCertificateData(): Promise<string> {
  const pems = await generate([{ name: "commonName", value: "Interlink P2S root" }], { keySize: 2048, extensions: [{ name: "basicConstraints", cA: true }] });
  return pems.cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

function vpnGatewayBody(overrides: Partial<VirtualNetworkGateway> = {}): VirtualNetworkGateway {
  return {
    location: "eastus",
    gatewayType: "Vpn",
    vpnType: "RouteBased",
    sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
    ipConfigurations: [{ name: "default", subnet: { id: `${VNET}/subnets/GatewaySubnet` }, publicIPAddress: { id: armId("publicIPAddresses", "pip-std") } }],
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message?: string; statusCode?: number }> {
  return promise.then(
    () => ({}),
    (error: { code?: string; message?: string; statusCode?: number }) => error,
  );
}

describe("Azure VPN resources (real @azure/arm-network)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ durations: { armAction: 0, vpnClientPackage: 0 } });
  });
  afterAll(async () => {
    await h.stop();
  });

  describe("VPN gateway checks", () => {
    beforeAll(async () => {
      await h.emulators.admin.reset();
      await finish(
        h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-app", { location: "eastus", addressSpace: { addressPrefixes: ["10.10.0.0/16"] }, subnets: [{ name: "GatewaySubnet", addressPrefix: "10.10.255.0/27" }] }),
        h,
        MINUTE,
      );
      await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "pip-std", { location: "eastus", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
      await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "pip-basic", { location: "eastus", sku: { name: "Basic" } }), h, MINUTE);
      await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "pip-std-2", { location: "eastus", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
    });

    it.each([
      ["an AZ SKU with a Basic public IP", vpnGatewayBody({ ipConfigurations: [{ name: "default", subnet: { id: `${VNET}/subnets/GatewaySubnet` }, publicIPAddress: { id: armId("publicIPAddresses", "pip-basic") } }] }), "AzSkuRequiresStandardPublicIp"],
      ["active-active with one IP configuration", vpnGatewayBody({ active: true }), "ActiveActiveGatewayRequiresTwoIpConfigurations"],
      ["VpnGw4AZ in Generation1", vpnGatewayBody({ sku: { name: "VpnGw4AZ", tier: "VpnGw4AZ" }, vpnGatewayGeneration: "Generation1" }), "InvalidVpnGatewayGeneration"],
      ["an ASN Azure reserves", vpnGatewayBody({ enableBgp: true, bgpSettings: { asn: 65517 } }), "InvalidBgpAsn"],
      [
        "a custom BGP address outside 169.254.21.0-169.254.22.255",
        vpnGatewayBody({ enableBgp: true, bgpSettings: { bgpPeeringAddresses: [{ ipconfigurationId: `${armId("virtualNetworkGateways", "vpngw")}/ipConfigurations/default`, customBgpIpAddresses: ["169.254.20.1"] }] } }),
        "InvalidCustomBgpIpAddress",
      ],
      ["a PolicyBased VpnGw1AZ", vpnGatewayBody({ vpnType: "PolicyBased" }), "PolicyBasedGatewayRequiresBasicSku"],
    ])("when a VPN gateway asks for %s, then ARM refuses it with 400 and creates nothing", async (_case, body, code) => {
      const error = await refusal(h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "vpngw", body));
      expect(error).toMatchObject({ statusCode: 400, code });
      await expect(h.azure.virtualNetworkGateways.get(RG, "vpngw")).rejects.toMatchObject({ statusCode: 404 });
    });

    it("when a VPN gateway is created, then it is Updating for 35 minutes and shows its instance's BGP addresses and public IP", async () => {
      const poller = await h.azure.virtualNetworkGateways.beginCreateOrUpdate(
        RG,
        "vpngw",
        vpnGatewayBody({ enableBgp: true, bgpSettings: { asn: 65010, bgpPeeringAddresses: [{ ipconfigurationId: `${armId("virtualNetworkGateways", "vpngw")}/ipConfigurations/default`, customBgpIpAddresses: ["169.254.21.2"] }] } }),
      );
      await h.emulators.admin.advanceClock(34 * MINUTE);
      expect((await h.azure.virtualNetworkGateways.get(RG, "vpngw")).provisioningState).toBe("Updating");
      await h.emulators.admin.advanceClock(2 * MINUTE);
      const gateway = await poller.pollUntilDone();
      const pip = await h.azure.publicIPAddresses.get(RG, "pip-std");
      expect(gateway).toMatchObject({ provisioningState: "Succeeded", vpnType: "RouteBased", vpnGatewayGeneration: "Generation1", enableBgp: true, active: false });
      expect(gateway.bgpSettings).toMatchObject({
        asn: 65010,
        bgpPeeringAddress: "10.10.255.30",
        bgpPeeringAddresses: [{ defaultBgpIpAddresses: ["10.10.255.30"], customBgpIpAddresses: ["169.254.21.2"], tunnelIpAddresses: [pip.ipAddress] }],
      });
      const second = vpnGatewayBody({ ipConfigurations: [{ name: "default", subnet: { id: `${VNET}/subnets/GatewaySubnet` }, publicIPAddress: { id: armId("publicIPAddresses", "pip-std-2") } }] });
      expect((await refusal(h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "second-vpngw", second))).code).toBe("VirtualNetworkGatewayAlreadyExists");
    });

    it("when an active-active gateway is created, then it takes 45 minutes and each instance has its own BGP address and public IP", async () => {
      await finish(
        h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-aa", { location: "eastus", addressSpace: { addressPrefixes: ["10.50.0.0/16"] }, subnets: [{ name: "GatewaySubnet", addressPrefix: "10.50.255.0/27" }] }),
        h,
        MINUTE,
      );
      await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "pip-aa-2", { location: "eastus", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
      const subnet = { id: `${armId("virtualNetworks", "vnet-aa")}/subnets/GatewaySubnet` };
      const poller = await h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "aa-vpngw", {
        ...vpnGatewayBody(),
        active: true,
        ipConfigurations: [
          { name: "default", subnet, publicIPAddress: { id: armId("publicIPAddresses", "pip-std-2") } },
          { name: "activeactive", subnet, publicIPAddress: { id: armId("publicIPAddresses", "pip-aa-2") } },
        ],
      });
      await h.emulators.admin.advanceClock(44 * MINUTE);
      expect((await h.azure.virtualNetworkGateways.get(RG, "aa-vpngw")).provisioningState).toBe("Updating");
      await h.emulators.admin.advanceClock(2 * MINUTE);
      const gateway = await poller.pollUntilDone();
      expect(gateway.active).toBe(true);
      expect(gateway.bgpSettings?.bgpPeeringAddress).toBe("10.50.255.4,10.50.255.5");
      expect(gateway.bgpSettings?.bgpPeeringAddresses?.map((entry) => entry.tunnelIpAddresses?.length)).toEqual([1, 1]);
    });

    it("when point-to-site is added with a real root certificate, then the client package URL comes back and names it; a bad certificate or an overlapping pool is refused", async () => {
      const certificate = await rootCertificateData();
      const badCertificate = await refusal(
        h.azure.virtualNetworkGateways
          .beginCreateOrUpdate(RG, "vpngw", vpnGatewayBody({ vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] }, vpnClientRootCertificates: [{ name: "root", publicCertData: "bm90IGEgY2VydGlmaWNhdGU=" }] } })),
      );
      expect(badCertificate).toMatchObject({ statusCode: 400, code: "InvalidVpnClientRootCertificate" });
      const overlapping = await refusal(
        h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "vpngw", vpnGatewayBody({ vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["10.10.200.0/24"] }, vpnClientRootCertificates: [{ name: "root", publicCertData: certificate }] } })),
      );
      expect(overlapping).toMatchObject({ statusCode: 400, code: "VpnClientAddressPoolOverlapsVirtualNetwork" });

      const updated = await finish(
        h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "vpngw", vpnGatewayBody({ vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] }, vpnClientProtocols: ["IkeV2", "OpenVPN"], vpnClientRootCertificates: [{ name: "root", publicCertData: certificate }] } })),
        h,
        11 * MINUTE,
      );
      expect(updated.vpnClientConfiguration).toMatchObject({ vpnClientAddressPool: { addressPrefixes: ["172.16.201.0/24"] }, vpnClientProtocols: ["IkeV2", "OpenVPN"], vpnClientRootCertificates: [{ name: "root", publicCertData: certificate }] });

      const { body: url } = await (await h.azure.virtualNetworkGateways.beginGeneratevpnclientpackage(RG, "vpngw", { processorArchitecture: "Amd64", authenticationMethod: "EAPTLS" })).pollUntilDone();
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/__emulator\/vpnclientpackages\/[0-9a-f-]{36}$/);
      const response = await fetch(String(url).replace(/^https:\/\/[^/]+/, h.emulators.oci.endpoint));
      const described = (await response.json()) as { rootCertificateThumbprints: string[]; addressPrefixes: string[]; gatewayId: string };
      expect(described).toMatchObject({ addressPrefixes: ["172.16.201.0/24"], gatewayId: armId("virtualNetworkGateways", "vpngw") });
      expect(described.rootCertificateThumbprints).toEqual([expect.stringMatching(/^[0-9A-F]{40}$/)]);
    });
  });

  describe("local network gateways and IPsec connections", () => {
    let gatewayId: string;
    beforeAll(async () => {
      await h.emulators.admin.reset();
      gatewayId = (await buildVpnGateway(h)).gateway.id ?? "";
    });

    it.each([
      ["neither an IP address nor an FQDN", {}, "LocalNetworkGatewayIpAddressOrFqdnRequired"],
      ["a prefix with host bits", { gatewayIpAddress: "129.213.0.10", localNetworkAddressSpace: { addressPrefixes: ["10.20.0.1/16"] } }, "InvalidAddressPrefixFormat"],
      ["the ASN of Azure VPN gateways", { gatewayIpAddress: "129.213.0.10", bgpSettings: { asn: 65515, bgpPeeringAddress: "169.254.21.1" } }, "InvalidBgpAsn"],
      ["BGP without a peer address", { gatewayIpAddress: "129.213.0.10", bgpSettings: { asn: 31898 } }, "InvalidBgpPeeringAddress"],
    ])("when a local network gateway has %s, then ARM refuses it", async (_case, properties, code) => {
      expect(await refusal(h.azure.localNetworkGateways.beginCreateOrUpdate(RG, "lng-bad", { location: "eastus", ...properties }))).toMatchObject({ statusCode: 400, code });
    });

    it("when an IPsec connection is made, then its key is read, set and reset through the sharedkey routes; bad policies and keys are refused without echoing the key", async () => {
      await finish(h.azure.localNetworkGateways.beginCreateOrUpdate(RG, "lng-1", { location: "eastus", gatewayIpAddress: "129.213.0.10", bgpSettings: { asn: 31898, bgpPeeringAddress: "169.254.21.1" } }), h, MINUTE);
      const body = { location: "eastus", connectionType: "IPsec", virtualNetworkGateway1: { id: gatewayId }, localNetworkGateway2: { id: armId("localNetworkGateways", "lng-1") }, enableBgp: true, sharedKey: "firstKey123" };
      const policies = [
        [{ ...AZURE_POLICY, ipsecIntegrity: "SHA256" }], // GCM encryption needs GCM integrity
        [AZURE_POLICY, AZURE_POLICY], // one policy per connection
        [{ ...AZURE_POLICY, saLifeTimeSeconds: 100 }],
        [{ ...AZURE_POLICY, dhGroup: "DHGroup99" }],
      ];
      for (const ipsecPolicies of policies) {
        const error = await refusal(h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, "conn-1", { ...body, ipsecPolicies } as never));
        expect(error.statusCode).toBe(400);
        expect(error.message).toMatch(/ipsecPolicies|IPsec/i);
      }
      const badKey = await refusal(h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, "conn-1", { ...body, sharedKey: "schlüssel\u00e9" } as never));
      expect(badKey).toMatchObject({ statusCode: 400, code: "InvalidSharedKey" });
      expect(badKey.message).not.toContain("schlüssel");

      const connection = await finish(h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, "conn-1", { ...body, connectionProtocol: "IKEv2", ipsecPolicies: [AZURE_POLICY], dpdTimeoutSeconds: 30 } as never), h, 2 * MINUTE);
      expect(connection).toMatchObject({ connectionType: "IPsec", connectionProtocol: "IKEv2", localNetworkGateway2: { id: armId("localNetworkGateways", "lng-1") }, ipsecPolicies: [AZURE_POLICY], dpdTimeoutSeconds: 30, connectionStatus: "Connecting" });
      expect((await h.azure.virtualNetworkGatewayConnections.getSharedKey(RG, "conn-1")).value).toBe("firstKey123");
      await finish(h.azure.virtualNetworkGatewayConnections.beginSetSharedKey(RG, "conn-1", { value: "secondKey456" }), h, MINUTE);
      expect((await h.azure.virtualNetworkGatewayConnections.getSharedKey(RG, "conn-1")).value).toBe("secondKey456");
      await (await h.azure.virtualNetworkGatewayConnections.beginResetSharedKey(RG, "conn-1", { keyLength: 40 })).pollUntilDone();
      expect((await h.azure.virtualNetworkGatewayConnections.getSharedKey(RG, "conn-1")).value).toMatch(/^[A-Za-z0-9]{40}$/);

      expect(await refusal(h.azure.localNetworkGateways.beginDelete(RG, "lng-1"))).toMatchObject({ statusCode: 400, code: "InUseLocalNetworkGatewayCannotBeDeleted" });
      const customBgp = await refusal(
        h.azure.virtualNetworkGatewayConnections
          .beginCreateOrUpdate(RG, "conn-2", { ...body, gatewayCustomBgpIpAddresses: [{ ipConfigurationId: `${gatewayId}/ipConfigurations/default`, customBgpIpAddress: "169.254.21.6" }] } as never),
      );
      expect(customBgp).toMatchObject({ statusCode: 400, code: "InvalidGatewayCustomBgpIpAddress" });
    });
  });
});
