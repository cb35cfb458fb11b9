import { request } from "node:https";
import { azureNetworkClient, staticTokenCredential } from "../src/cloud/sdk-clients";
import { armId, finish, type Harness, MINUTE, RG, startHarness, SUBSCRIPTION } from "./helpers";
import { oracleCircuit } from "./interconnect-fixture";

const VNET_ID = (name: string) => armId("virtualNetworks", name);

async function vnet(h: Harness, name: string, prefix: string, subnets: { name: string; addressPrefix: string }[] = []) {
  return finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, name, { location: "eastus", addressSpace: { addressPrefixes: [prefix] }, subnets }), h, MINUTE);
}

async function vpnGateway(h: Harness, vnetName: string, prefix: string, gatewaySubnet: string) {
  await vnet(h, vnetName, prefix, [{ name: "GatewaySubnet", addressPrefix: gatewaySubnet }]);
  await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, `${vnetName}-pip`, { location: "eastus", sku: { name: "Standard" } }), h, MINUTE);
  return finish(
    h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, `${vnetName}-vpngw`, {
      location: "eastus",
      gatewayType: "Vpn",
      vpnType: "RouteBased",
      sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
      ipConfigurations: [{ name: "default", subnet: { id: `${VNET_ID(vnetName)}/subnets/GatewaySubnet` }, publicIPAddress: { id: armId("publicIPAddresses", `${vnetName}-pip`) } }],
    }),
    h,
    40 * MINUTE,
  );
}

function rawArm(h: Harness, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.emulators.azure.endpoint}${path}`, { method: "GET", ca: h.emulators.azure.ca, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("ARM emulator through @azure/arm-network 36", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ armPageSize: 2 });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  describe("authentication and protocol", () => {
    it("when the bearer token is missing or empty, then ARM answers 401 AuthenticationFailed without a WWW-Authenticate challenge", async () => {
      const path = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/x?api-version=2026-01-01`;
      const missing = await rawArm(h, path, {});
      expect(missing.status).toBe(401);
      expect(JSON.parse(missing.body)).toEqual({ error: { code: "AuthenticationFailed", message: expect.stringContaining("'Authorization' header is missing") } });
      expect(missing.headers["www-authenticate"]).toBeUndefined();
      const client = azureNetworkClient(h.emulators.azure, SUBSCRIPTION, { credential: staticTokenCredential("") });
      await expect(client.virtualNetworks.get(RG, "x")).rejects.toMatchObject({ statusCode: 401, code: "AuthenticationFailed" });
      const entries = await h.emulators.admin.journal({ cloud: "azure", status: 401 });
      expect(entries.map((entry) => entry.auth)).toEqual(["missing", "malformed"]);
    });

    it("when api-version is missing, then ARM answers 400 MissingApiVersionParameter", async () => {
      const response = await rawArm(h, `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/x`, { authorization: "Bearer t" });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error.code).toBe("MissingApiVersionParameter");
    });
  });

  describe("virtual networks and subnets", () => {
    it("when a VNet is created, then the initial answer is 201 Updating with Azure-AsyncOperation and the LRO ends Succeeded", async () => {
      const poller = await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
      expect((await h.azure.virtualNetworks.get(RG, "vnet-a")).provisioningState).toBe("Updating");
      const [put] = await h.emulators.admin.journal({ op: "virtualNetworks.createOrUpdate" });
      expect(put?.status).toBe(201);
      await h.emulators.admin.advanceClock(MINUTE);
      const done = await poller.pollUntilDone();
      expect(done).toMatchObject({ name: "vnet-a", provisioningState: "Succeeded", addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, type: "Microsoft.Network/virtualNetworks" });
      expect(done.etag).toMatch(/^W\/"/);
    });

    it("when a different change arrives while the VNet is Updating, then ARM answers 409 AnotherOperationInProgress", async () => {
      await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
      await expect(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.7.0.0/16"] } })).rejects.toMatchObject({
        statusCode: 409,
        code: "AnotherOperationInProgress",
      });
    });

    it("when a VNet PUT leaves a subnet out, then that subnet is deleted (inline child replacement)", async () => {
      await vnet(h, "vnet-a", "10.1.0.0/16", [
        { name: "app", addressPrefix: "10.1.1.0/24" },
        { name: "db", addressPrefix: "10.1.2.0/24" },
      ]);
      const updated = await vnet(h, "vnet-a", "10.1.0.0/16", [{ name: "app", addressPrefix: "10.1.1.0/24" }]);
      expect(updated.subnets?.map((subnet) => subnet.name)).toEqual(["app"]);
      await expect(h.azure.subnets.get(RG, "vnet-a", "db")).rejects.toMatchObject({ statusCode: 404, code: "NotFound" });
    });

    it("when a subnet falls outside the address space or overlaps another, then ARM refuses it with the Netcfg codes", async () => {
      await vnet(h, "vnet-a", "10.1.0.0/16", [{ name: "app", addressPrefix: "10.1.1.0/24" }]);
      await expect(h.azure.subnets.beginCreateOrUpdate(RG, "vnet-a", "out", { addressPrefix: "10.2.0.0/24" })).rejects.toMatchObject({ statusCode: 400, code: "NetcfgSubnetRangeOutsideVnet" });
      await expect(h.azure.subnets.beginCreateOrUpdate(RG, "vnet-a", "clash", { addressPrefix: "10.1.1.128/25" })).rejects.toMatchObject({ statusCode: 400, code: "NetcfgSubnetRangesOverlap" });
      const subnet = await finish(h.azure.subnets.beginCreateOrUpdate(RG, "vnet-a", "db", { addressPrefix: "10.1.2.0/24" }), h, MINUTE);
      expect(subnet).toMatchObject({ name: "db", addressPrefix: "10.1.2.0/24", provisioningState: "Succeeded" });
      await finish(h.azure.subnets.beginDelete(RG, "vnet-a", "db"), h, MINUTE);
      await expect(h.azure.subnets.get(RG, "vnet-a", "db")).rejects.toMatchObject({ statusCode: 404 });
    });

    it("when VNets are listed, then the SDK follows nextLink pages for list and listAll", async () => {
      for (const [index, name] of ["v1", "v2", "v3", "v4", "v5"].entries()) {
        await h.azure.virtualNetworks.beginCreateOrUpdate(RG, name, { location: "eastus", addressSpace: { addressPrefixes: [`10.${index + 1}.0.0/16`] } });
      }
      const names: string[] = [];
      for await (const item of h.azure.virtualNetworks.list(RG)) names.push(item.name ?? "");
      expect(names).toEqual(["v1", "v2", "v3", "v4", "v5"]);
      let all = 0;
      for await (const _item of h.azure.virtualNetworks.listAll()) all++;
      expect(all).toBe(5);
      const pages = await h.emulators.admin.journal({ op: "virtualNetworks.list" });
      expect(pages).toHaveLength(3);
    });

    it("when tags are updated, then updateTags answers synchronously with the new tags", async () => {
      await vnet(h, "vnet-a", "10.1.0.0/16");
      const tagged = await h.azure.virtualNetworks.updateTags(RG, "vnet-a", { tags: { interlink: "erp" } });
      expect(tagged.tags).toEqual({ interlink: "erp" });
    });

    it("when a missing VNet is deleted, then the delete succeeds at once (204)", async () => {
      await h.azure.virtualNetworks.beginDeleteAndWait(RG, "ghost");
      const [entry] = await h.emulators.admin.journal({ op: "virtualNetworks.delete" });
      expect(entry?.status).toBe(204);
    });
  });

  describe("network security groups and route tables", () => {
    it("when an NSG is created, then it carries the six default rules and its own rules", async () => {
      const nsg = await finish(
        h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "nsg-a", {
          location: "eastus",
          securityRules: [{ name: "allow-oci", protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "1521", sourceAddressPrefix: "10.20.0.0/16", destinationAddressPrefix: "*", access: "Allow", priority: 100, direction: "Outbound" }],
        }),
        h,
        MINUTE,
      );
      expect(nsg.defaultSecurityRules?.map((rule) => `${rule.name}:${rule.priority}`)).toEqual([
        "AllowVnetInBound:65000",
        "AllowAzureLoadBalancerInBound:65001",
        "DenyAllInBound:65500",
        "AllowVnetOutBound:65000",
        "AllowInternetOutBound:65001",
        "DenyAllOutBound:65500",
      ]);
      expect(nsg.securityRules?.[0]).toMatchObject({ name: "allow-oci", priority: 100, provisioningState: "Succeeded" });
      const rules: string[] = [];
      for await (const rule of h.azure.defaultSecurityRules.list(RG, "nsg-a")) rules.push(rule.name ?? "");
      expect(rules).toHaveLength(6);
    });

    it("when a rule reuses a priority in the same direction or is out of range, then ARM refuses it", async () => {
      await finish(h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "nsg-a", { location: "eastus" }), h, MINUTE);
      const rule = { protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "443", sourceAddressPrefix: "*", destinationAddressPrefix: "*", access: "Allow", direction: "Inbound" } as const;
      await finish(h.azure.securityRules.beginCreateOrUpdate(RG, "nsg-a", "r1", { ...rule, priority: 200 }), h, MINUTE);
      await expect(h.azure.securityRules.beginCreateOrUpdate(RG, "nsg-a", "r2", { ...rule, priority: 200 })).rejects.toMatchObject({ statusCode: 400, code: "SecurityRuleConflict" });
      await expect(h.azure.securityRules.beginCreateOrUpdate(RG, "nsg-a", "r3", { ...rule, priority: 50 })).rejects.toMatchObject({ statusCode: 400, code: "SecurityRuleInvalidPriority" });
      await finish(h.azure.securityRules.beginCreateOrUpdate(RG, "nsg-a", "r4", { ...rule, priority: 200, direction: "Outbound" }), h, MINUTE);
      await finish(h.azure.securityRules.beginDelete(RG, "nsg-a", "r1"), h, MINUTE);
      expect((await h.azure.networkSecurityGroups.get(RG, "nsg-a")).securityRules?.map((item) => item.name)).toEqual(["r4"]);
    });

    it("when an NSG or route table is associated with a subnet, then deleting it is refused", async () => {
      await finish(h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "nsg-a", { location: "eastus" }), h, MINUTE);
      await finish(h.azure.routeTables.beginCreateOrUpdate(RG, "rt-a", { location: "eastus", routes: [{ name: "to-oci", addressPrefix: "10.20.0.0/16", nextHopType: "VirtualNetworkGateway" }] }), h, MINUTE);
      await finish(
        h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", {
          location: "eastus",
          addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
          subnets: [{ name: "app", addressPrefix: "10.1.1.0/24", networkSecurityGroup: { id: armId("networkSecurityGroups", "nsg-a") }, routeTable: { id: armId("routeTables", "rt-a") } }],
        }),
        h,
        MINUTE,
      );
      expect((await h.azure.routeTables.get(RG, "rt-a")).subnets?.map((subnet) => subnet.id)).toEqual([`${VNET_ID("vnet-a")}/subnets/app`]);
      await expect(h.azure.networkSecurityGroups.beginDelete(RG, "nsg-a")).rejects.toMatchObject({ statusCode: 400, code: "InUseNetworkSecurityGroupCannotBeDeleted" });
      await expect(h.azure.routeTables.beginDelete(RG, "rt-a")).rejects.toMatchObject({ statusCode: 400, code: "InUseRouteTableCannotBeDeleted" });
    });

    it("when routes are managed as children, then VirtualAppliance needs a next hop address", async () => {
      await finish(h.azure.routeTables.beginCreateOrUpdate(RG, "rt-a", { location: "eastus" }), h, MINUTE);
      await expect(h.azure.routes.beginCreateOrUpdate(RG, "rt-a", "nva", { addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance" })).rejects.toMatchObject({ statusCode: 400 });
      const route = await finish(h.azure.routes.beginCreateOrUpdate(RG, "rt-a", "nva", { addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.1.0.4" }), h, MINUTE);
      expect(route).toMatchObject({ name: "nva", nextHopIpAddress: "10.1.0.4", provisioningState: "Succeeded" });
      await finish(h.azure.routes.beginDelete(RG, "rt-a", "nva"), h, MINUTE);
      expect((await h.azure.routeTables.get(RG, "rt-a")).routes).toEqual([]);
    });
  });

  describe("gateways, connections and peerings", () => {
    it("when an ExpressRoute gateway is built, then it stays Updating for about half an hour", async () => {
      await vnet(h, "hub", "10.10.0.0/16", [{ name: "GatewaySubnet", addressPrefix: "10.10.255.0/27" }]);
      const poller = await h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "hub-ergw", {
        location: "eastus",
        gatewayType: "ExpressRoute",
        sku: { name: "ErGw1AZ", tier: "ErGw1AZ" },
        ipConfigurations: [{ name: "gwipconfig", subnet: { id: `${VNET_ID("hub")}/subnets/GatewaySubnet` } }],
      });
      await h.emulators.admin.advanceClock(29 * MINUTE);
      expect((await h.azure.virtualNetworkGateways.get(RG, "hub-ergw")).provisioningState).toBe("Updating");
      await h.emulators.admin.advanceClock(2 * MINUTE);
      const gateway = await poller.pollUntilDone();
      expect(gateway).toMatchObject({ provisioningState: "Succeeded", gatewayType: "ExpressRoute", bgpSettings: { asn: 65515, bgpPeeringAddress: "10.10.255.30" } });
      await expect(h.azure.subnets.beginDelete(RG, "hub", "GatewaySubnet")).rejects.toMatchObject({ statusCode: 400, code: "InUseSubnetCannotBeDeleted" });
    });

    it("when a gateway is put outside GatewaySubnet or its public IP is deleted, then ARM refuses", async () => {
      await vnet(h, "hub", "10.10.0.0/16", [{ name: "app", addressPrefix: "10.10.1.0/24" }]);
      await expect(
        h.azure.virtualNetworkGateways
          .beginCreateOrUpdate(RG, "gw", { location: "eastus", gatewayType: "ExpressRoute", sku: { name: "ErGw1AZ", tier: "ErGw1AZ" }, ipConfigurations: [{ name: "c", subnet: { id: `${VNET_ID("hub")}/subnets/app` } }] }),
      ).rejects.toMatchObject({ statusCode: 400, code: "GatewaySubnetRequired" });
      const gateway = await vpnGateway(h, "vnet-b", "10.2.0.0/16", "10.2.255.0/27");
      expect(gateway.vpnType).toBe("RouteBased");
      await expect(h.azure.publicIPAddresses.beginDelete(RG, "vnet-b-pip")).rejects.toMatchObject({ statusCode: 400, code: "PublicIPAddressCannotBeDeleted" });
    });

    it("when Azure-managed gateway IPs are not offered in a region, then an ExpressRoute gateway without a public IP is refused there (also late), one with a Standard static IP is built, and its IP cannot be dropped in place", async () => {
      const ergw = (name: string, location: string, publicIp?: string) =>
        h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, name, {
          location,
          gatewayType: "ExpressRoute",
          sku: { name: "ErGw1AZ", tier: "ErGw1AZ" },
          ipConfigurations: [{ name: "gwipconfig", subnet: { id: `${VNET_ID(name.replace("-ergw", ""))}/subnets/GatewaySubnet` }, ...(publicIp ? { publicIPAddress: { id: armId("publicIPAddresses", publicIp) } } : {}) }],
        });
      expect(await h.emulators.admin.settings({ gatewayPublicIpRequired: ["East US"] })).toEqual({ gatewayPublicIpRequired: ["eastus"] });
      try {
        await vnet(h, "hub", "10.10.0.0/16", [{ name: "GatewaySubnet", addressPrefix: "10.10.255.0/27" }]);
        await expect(ergw("hub-ergw", "eastus")).rejects.toMatchObject({
          statusCode: 400,
          code: "PublicIpForGatewayIsRequired",
          message: expect.stringContaining("Public IP address reference is required for gateway IP configration"),
        });
        await h.emulators.admin.addFault({ match: { op: "virtualNetworkGateways.createOrUpdate" }, action: { type: "lateValidation" }, times: 1 });
        await expect(finish(ergw("hub-ergw", "eastus"), h, MINUTE)).rejects.toThrow(/^The long-running operation has failed\. PublicIpForGatewayIsRequired\./);
        expect((await h.azure.virtualNetworkGateways.get(RG, "hub-ergw")).provisioningState).toBe("Failed");

        await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "hub-ergw-pip", { location: "eastus", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
        const built = await finish(ergw("hub-ergw", "eastus", "hub-ergw-pip"), h, 31 * MINUTE);
        expect(built.ipConfigurations?.[0]?.publicIPAddress?.id).toBe(armId("publicIPAddresses", "hub-ergw-pip"));
        // Re-PUTs of an existing gateway that drop (or add) its public IP fail on the server.
        await expect(ergw("hub-ergw", "eastus")).rejects.toMatchObject({ statusCode: 500, code: "InternalServerError" });

        await vnet(h, "west", "10.30.0.0/16", [{ name: "GatewaySubnet", addressPrefix: "10.30.255.0/27" }]);
        expect((await ergw("west-ergw", "westus")).getOperationState().status).toBe("running");
      } finally {
        await h.emulators.admin.settings({ gatewayPublicIpRequired: false });
      }
    });

    it("when VNet-to-VNet connections exist both ways with the same key, then both are Connected and the key can be read, set and reset", async () => {
      const a = await vpnGateway(h, "vnet-a", "10.1.0.0/16", "10.1.255.0/27");
      const b = await vpnGateway(h, "vnet-b", "10.2.0.0/16", "10.2.255.0/27");
      const connect = (name: string, from: string, to: string) =>
        finish(
          h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, name, { location: "eastus", connectionType: "Vnet2Vnet", virtualNetworkGateway1: { id: from }, virtualNetworkGateway2: { id: to }, sharedKey: "s3cr3t" }),
          h,
          2 * MINUTE,
        );
      await connect("a-to-b", a.id ?? "", b.id ?? "");
      expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "a-to-b")).connectionStatus).toBe("Connecting");
      await connect("b-to-a", b.id ?? "", a.id ?? "");
      expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "a-to-b")).connectionStatus).toBe("Connected");
      expect(await h.azure.virtualNetworkGatewayConnections.getSharedKey(RG, "a-to-b")).toEqual({ value: "s3cr3t" });
      await finish(h.azure.virtualNetworkGatewayConnections.beginSetSharedKey(RG, "a-to-b", { value: "other" }), h, MINUTE);
      expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "b-to-a")).connectionStatus).toBe("NotConnected");
      await finish(h.azure.virtualNetworkGatewayConnections.beginResetSharedKey(RG, "b-to-a", { keyLength: 16 }), h, MINUTE);
      expect((await h.azure.virtualNetworkGatewayConnections.getSharedKey(RG, "b-to-a")).value).toHaveLength(16);
      await expect(h.azure.virtualNetworkGateways.beginDelete(RG, "vnet-a-vpngw")).rejects.toMatchObject({ statusCode: 400, code: "InUseVirtualNetworkGatewayCannotBeDeleted" });
    });

    it("when VNets peer, then states go Initiated, Connected, and Disconnected once the other side is deleted", async () => {
      await vnet(h, "vnet-a", "10.1.0.0/16");
      await vnet(h, "vnet-b", "10.2.0.0/16");
      const peer = (from: string, to: string, extra: Record<string, boolean> = {}) =>
        finish(h.azure.virtualNetworkPeerings.beginCreateOrUpdate(RG, from, `${from}-to-${to}`, { remoteVirtualNetwork: { id: VNET_ID(to) }, allowVirtualNetworkAccess: true, ...extra }), h, MINUTE);
      expect((await peer("vnet-a", "vnet-b")).peeringState).toBe("Initiated");
      expect((await peer("vnet-b", "vnet-a")).peeringState).toBe("Connected");
      expect((await h.azure.virtualNetworkPeerings.get(RG, "vnet-a", "vnet-a-to-vnet-b")).peeringState).toBe("Connected");
      await finish(h.azure.virtualNetworkPeerings.beginDelete(RG, "vnet-b", "vnet-b-to-vnet-a"), h, MINUTE);
      expect((await h.azure.virtualNetworkPeerings.get(RG, "vnet-a", "vnet-a-to-vnet-b")).peeringState).toBe("Disconnected");
      await expect(
        h.azure.virtualNetworkPeerings.beginCreateOrUpdate(RG, "vnet-b", "vnet-b-to-vnet-a", { remoteVirtualNetwork: { id: VNET_ID("vnet-a") } }),
      ).rejects.toMatchObject({ statusCode: 400, code: "RemotePeeringIsDisconnected" });
      await vnet(h, "vnet-c", "10.3.0.0/16");
      await expect(
        h.azure.virtualNetworkPeerings.beginCreateOrUpdate(RG, "vnet-c", "spoke-to-hub", { remoteVirtualNetwork: { id: VNET_ID("vnet-b") }, useRemoteGateways: true }),
      ).rejects.toMatchObject({ statusCode: 400, code: "RemoteVnetHasNoGateways" });
    });

    it("when a peered VNet's address space grows, then its peerings are out of sync (remote and local side) until the remote side is synced", async () => {
      await vnet(h, "vnet-a", "10.1.0.0/16");
      await vnet(h, "vnet-b", "10.2.0.0/16");
      const peer = (from: string, to: string, sync = false) =>
        finish(h.azure.virtualNetworkPeerings.beginCreateOrUpdate(RG, from, `${from}-to-${to}`, { remoteVirtualNetwork: { id: VNET_ID(to) } }, sync ? { syncRemoteAddressSpace: "true" } : {}), h, MINUTE);
      await peer("vnet-a", "vnet-b");
      await peer("vnet-b", "vnet-a");
      const levels = async () => [(await h.azure.virtualNetworkPeerings.get(RG, "vnet-a", "vnet-a-to-vnet-b")).peeringSyncLevel, (await h.azure.virtualNetworkPeerings.get(RG, "vnet-b", "vnet-b-to-vnet-a")).peeringSyncLevel];
      expect(await levels()).toEqual(["FullyInSync", "FullyInSync"]);
      await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-b", { location: "eastus", addressSpace: { addressPrefixes: ["10.2.0.0/16", "10.22.0.0/16"] } }), h, MINUTE);
      expect(await levels()).toEqual(["RemoteNotInSync", "LocalNotInSync"]);
      expect((await h.azure.virtualNetworkPeerings.get(RG, "vnet-a", "vnet-a-to-vnet-b")).remoteAddressSpace?.addressPrefixes).toEqual(["10.2.0.0/16"]);
      // A PUT without the sync flag keeps the old space; with it, the peering takes the new one.
      await peer("vnet-a", "vnet-b");
      expect(await levels()).toEqual(["RemoteNotInSync", "LocalNotInSync"]);
      await peer("vnet-a", "vnet-b", true);
      expect(await levels()).toEqual(["FullyInSync", "FullyInSync"]);
    });

    it("when every kind is deleted in dependency order, then each delete LRO completes and the resource answers 404", async () => {
      const a = await vpnGateway(h, "vnet-a", "10.1.0.0/16", "10.1.255.0/27");
      const b = await vpnGateway(h, "vnet-b", "10.2.0.0/16", "10.2.255.0/27");
      await finish(h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, "a-to-b", { location: "eastus", connectionType: "Vnet2Vnet", virtualNetworkGateway1: { id: a.id ?? "" }, virtualNetworkGateway2: { id: b.id ?? "" }, sharedKey: "k" }), h, 2 * MINUTE);
      await finish(h.azure.virtualNetworkPeerings.beginCreateOrUpdate(RG, "vnet-a", "a-b", { remoteVirtualNetwork: { id: VNET_ID("vnet-b") } }), h, MINUTE);
      await finish(h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "nsg", { location: "eastus" }), h, MINUTE);
      await finish(h.azure.routeTables.beginCreateOrUpdate(RG, "rt", { location: "eastus" }), h, MINUTE);
      await finish(
        h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erc", { location: "eastus", sku: { tier: "Standard", family: "MeteredData" }, serviceProviderProperties: { serviceProviderName: "Equinix", peeringLocation: "Washington DC", bandwidthInMbps: 50 } }),
        h,
        3 * MINUTE,
      );
      const steps: [string, () => Promise<{ pollUntilDone(): Promise<unknown> }>, () => Promise<unknown>][] = [
        ["connection", () => h.azure.virtualNetworkGatewayConnections.beginDelete(RG, "a-to-b"), () => h.azure.virtualNetworkGatewayConnections.get(RG, "a-to-b")],
        ["peering", () => h.azure.virtualNetworkPeerings.beginDelete(RG, "vnet-a", "a-b"), () => h.azure.virtualNetworkPeerings.get(RG, "vnet-a", "a-b")],
        ["gateway", () => h.azure.virtualNetworkGateways.beginDelete(RG, "vnet-a-vpngw"), () => h.azure.virtualNetworkGateways.get(RG, "vnet-a-vpngw")],
        ["public ip", () => h.azure.publicIPAddresses.beginDelete(RG, "vnet-a-pip"), () => h.azure.publicIPAddresses.get(RG, "vnet-a-pip")],
        ["vnet", () => h.azure.virtualNetworks.beginDelete(RG, "vnet-a"), () => h.azure.virtualNetworks.get(RG, "vnet-a")],
        ["nsg", () => h.azure.networkSecurityGroups.beginDelete(RG, "nsg"), () => h.azure.networkSecurityGroups.get(RG, "nsg")],
        ["route table", () => h.azure.routeTables.beginDelete(RG, "rt"), () => h.azure.routeTables.get(RG, "rt")],
        ["circuit", () => h.azure.expressRouteCircuits.beginDelete(RG, "erc"), () => h.azure.expressRouteCircuits.get(RG, "erc")],
      ];
      for (const [, remove, read] of steps) {
        await finish(remove(), h, 11 * MINUTE);
        await expect(read()).rejects.toMatchObject({ statusCode: 404 });
      }
      const deletes = await h.emulators.admin.journal({ method: "DELETE" });
      expect(deletes.map((entry) => entry.status)).toEqual(steps.map(() => 202));
    });

    it("when a customer configures private peering on a circuit the provider has not provisioned, then ARM refuses", async () => {
      await finish(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erc", oracleCircuit(1000)), h, 3 * MINUTE);
      const circuit = await h.azure.expressRouteCircuits.get(RG, "erc");
      expect(circuit.serviceKey).toMatch(/^[0-9a-f-]{36}$/);
      await expect(
        h.azure.expressRouteCircuitPeerings
          .beginCreateOrUpdate(RG, "erc", "AzurePrivatePeering", { peeringType: "AzurePrivatePeering", peerASN: 31898, primaryPeerAddressPrefix: "10.99.0.0/30", secondaryPeerAddressPrefix: "10.99.0.4/30", vlanId: 100 }),
      ).rejects.toMatchObject({ statusCode: 400, code: "CircuitNotProvisionedByServiceProvider" });
      await expect(
        h.azure.expressRouteCircuits
          .beginCreateOrUpdate(RG, "erc-bad", { location: "eastus", sku: { tier: "Standard", family: "MeteredData" }, serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: "Atlantis", bandwidthInMbps: 1000 } }),
      ).rejects.toMatchObject({ statusCode: 400, code: "InvalidPeeringLocation" });
    });
  });
});
