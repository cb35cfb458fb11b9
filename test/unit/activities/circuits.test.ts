import { armError, ociError } from "../../support/fake-clouds";
import { NETWORKS, networkActivities, run } from "../../support/activities";

const GATEWAY_SUBNET = `/subscriptions/sub/resourceGroups/${NETWORKS.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${NETWORKS.vnet}/subnets/GatewaySubnet`;

describe("circuit activities (fake cloud ports)", () => {
  describe("StartCircuitActivity", () => {
    it("when started twice, then one circuit exists under the interconnect's name, tagged with owner and ticket", async () => {
      const { activities, azure, target, request } = networkActivities();
      const input = { ...target, circuit: request.azure.circuit };
      const first = await run(activities.StartCircuitActivity, input);
      const again = await run(activities.StartCircuitActivity, input);
      expect(again).toEqual(first);
      expect([...azure.circuits.values()].map((circuit) => [circuit.id.split("/").pop(), circuit.bandwidthMbps, circuit.tags])).toEqual([["erp-db-link-erc", 1000, { interlink: "erp-db-link", "interlink-ticket": "CHG0012345" }]]);
    });

    it("when ARM answers 503, then the activity throws (Durable retries); when it answers 400, then it returns the refusal", async () => {
      const { activities, azure, target, request } = networkActivities();
      azure.failNext("putExpressRouteCircuit", armError(503, "ServiceUnavailable"));
      await expect(run(activities.StartCircuitActivity, { ...target, circuit: request.azure.circuit })).rejects.toThrow(/ServiceUnavailable/);
      azure.failNext("putExpressRouteCircuit", armError(400, "InvalidServiceProviderBandwidth", "the provider offers no such bandwidth"));
      expect(await run(activities.StartCircuitActivity, { ...target, circuit: request.azure.circuit })).toEqual({
        kind: "failed",
        error: { cloud: "azure", status: 400, code: "InvalidServiceProviderBandwidth", message: "the provider offers no such bandwidth" },
      });
    });
  });

  describe("ReadCircuitActivity", () => {
    it("when the circuit is absent, then it reads as not existing; once put, its states without id, tags or service key", async () => {
      const { activities, azure, target, request } = networkActivities();
      expect(await run(activities.ReadCircuitActivity, target)).toEqual({ kind: "ok", circuit: { exists: false } });
      await run(activities.StartCircuitActivity, { ...target, circuit: request.azure.circuit });
      const circuit = [...azure.circuits.values()][0];
      if (circuit) circuit.serviceKey = "secret-service-key";
      const read = await run(activities.ReadCircuitActivity, target);
      expect(read).toEqual({ kind: "ok", circuit: { exists: true, provisioningState: "Updating", serviceProviderProvisioningState: "NotProvisioned", bandwidthMbps: 1000, privatePeering: null } });
      expect(JSON.stringify(read)).not.toContain("secret-service-key");
    });
  });

  describe("StartGatewayActivity", () => {
    it("when the VNet has no ExpressRoute gateway, then one is created in its GatewaySubnet; started again, the same one is reused as Interlink's", async () => {
      const { activities, azure, target } = networkActivities();
      const first = await run(activities.StartGatewayActivity, target);
      expect(first).toMatchObject({ kind: "ok", created: true, gatewayId: expect.stringContaining("vnet-app-ergw") });
      expect([...azure.gateways.values()].map((gateway) => gateway.subnetId)).toEqual([GATEWAY_SUBNET]);
      expect(await run(activities.StartGatewayActivity, target)).toEqual(first);
      expect(azure.callsOf("putExpressRouteGateway")).toBe(1);
    });

    it("when the VNet already has someone else's gateway, then it is reused and not counted as created", async () => {
      const { activities, azure, target } = networkActivities();
      azure.gateways.set("rg-net/corp-gw", { id: "corp-gw-id", name: "corp-gw", gatewayType: "ExpressRoute", subnetId: GATEWAY_SUBNET, provisioningState: "Succeeded", tags: {} });
      expect(await run(activities.StartGatewayActivity, target)).toEqual({ kind: "ok", gatewayId: "corp-gw-id", created: false, operations: [] });
      expect(azure.callsOf("putExpressRouteGateway")).toBe(0);
    });

    it("when the VNet does not exist, then the result is a refusal, not an error", async () => {
      const { activities, target } = networkActivities();
      expect(await run(activities.StartGatewayActivity, { ...target, azure: { ...target.azure, vnet: "no-such-vnet" } })).toMatchObject({ kind: "failed", error: { code: "VirtualNetworkNotFound" } });
    });

    it("when the GatewaySubnet is still Updating, then the gateway is not PUT (ARM would refuse it) and the result is notReady until the subnet is Succeeded", async () => {
      const { activities, azure, target } = networkActivities();
      await run(activities.EnsureGatewaySubnetActivity, { ...target, gatewaySubnetPrefix: "10.10.255.0/27" });
      const subnet = azure.vnets.get(`${NETWORKS.resourceGroup}/${NETWORKS.vnet}`)?.subnets.find((candidate) => candidate.name === "GatewaySubnet");
      if (!subnet) throw new Error("no GatewaySubnet");
      subnet.provisioningState = "Updating";
      expect(await run(activities.StartGatewayActivity, target)).toEqual({ kind: "notReady", reason: "the GatewaySubnet is Updating" });
      expect(azure.callsOf("putExpressRouteGateway")).toBe(0);
      subnet.provisioningState = "Succeeded";
      expect(await run(activities.StartGatewayActivity, target)).toMatchObject({ kind: "ok", created: true });
      expect(azure.callsOf("putExpressRouteGateway")).toBe(1);
    });

    it("when ARM says the GatewaySubnet is still being provisioned, then the result is notReady for the orchestrator to wait on", async () => {
      const { activities, azure, target } = networkActivities();
      azure.failNext("putExpressRouteGateway", armError(400, "ReferencedResourceNotProvisioned", "the GatewaySubnet is in Updating state"));
      expect(await run(activities.StartGatewayActivity, target)).toEqual({ kind: "notReady", reason: "ReferencedResourceNotProvisioned: the GatewaySubnet is in Updating state" });
      expect(azure.gateways.size).toBe(0);
      expect(await run(activities.StartGatewayActivity, target)).toMatchObject({ kind: "ok", created: true });
    });
  });

  describe("StartConnectionActivity", () => {
    it("when the setup passes the circuit it built, then the connection is put in the request's region without reading the circuit or the VNet", async () => {
      const { activities, azure, target, request } = networkActivities();
      await run(activities.StartCircuitActivity, { ...target, circuit: request.azure.circuit });
      const circuitId = [...azure.circuits.values()][0]?.id ?? "";
      const [circuitReads, vnetReads] = [azure.callsOf("getExpressRouteCircuit"), azure.callsOf("getVirtualNetwork")];
      expect(await run(activities.StartConnectionActivity, { ...target, gatewayId: "gateway-id", circuitId })).toMatchObject({ kind: "ok", connectionId: expect.stringContaining("erp-db-link-erconn") });
      expect([azure.callsOf("getExpressRouteCircuit") - circuitReads, azure.callsOf("getVirtualNetwork") - vnetReads]).toEqual([0, 0]);
      expect([...azure.connections.values()].map((connection) => connection.peerId)).toEqual([circuitId]);
    });
  });

  describe("EnsureGatewayPublicIpActivity", () => {
    const PIP = "rg-net/vnet-app-ergw-pip";

    it("when the gateway needs an IP of its own, then one is created under the VNet's name with the owner and ticket tags in its create; called again, it is reused as Interlink's", async () => {
      const { activities, azure, target } = networkActivities();
      const first = await run(activities.EnsureGatewayPublicIpActivity, target);
      expect(first).toMatchObject({ kind: "ok", created: true, publicIpId: expect.stringContaining("/publicIPAddresses/vnet-app-ergw-pip") });
      expect(azure.publicIps.get(PIP)?.tags).toEqual({ interlink: "erp-db-link", "interlink-ticket": "CHG0012345" });
      expect(await run(activities.EnsureGatewayPublicIpActivity, target)).toEqual(first);
      expect(azure.callsOf("putPublicIp")).toBe(1);
    });

    it("when the IP's last create failed, then it is put again; when someone else made one by that name, then it is used but not counted as created", async () => {
      const { activities, azure, target } = networkActivities();
      await run(activities.EnsureGatewayPublicIpActivity, target);
      const failed = azure.publicIps.get(PIP);
      if (failed) failed.provisioningState = "Failed";
      expect(await run(activities.EnsureGatewayPublicIpActivity, target)).toMatchObject({ kind: "ok", created: true });
      expect(azure.callsOf("putPublicIp")).toBe(2);
      azure.publicIps.set(PIP, { id: "corp-pip-id", provisioningState: "Succeeded", tags: {} });
      expect(await run(activities.EnsureGatewayPublicIpActivity, target)).toEqual({ kind: "ok", publicIpId: "corp-pip-id", created: false, operations: [] });
      expect(azure.callsOf("putPublicIp")).toBe(2);
    });
  });

  describe("StartVirtualCircuitActivity", () => {
    async function withCircuit(serviceKey: string | null) {
      const built = networkActivities();
      await run(built.activities.StartCircuitActivity, { ...built.target, circuit: built.request.azure.circuit });
      const circuit = [...built.azure.circuits.values()][0];
      if (circuit) circuit.serviceKey = serviceKey;
      const drg = built.oci.addDrg(NETWORKS.compartmentId, "erp-db-link-drg", { interlink: "erp-db-link" });
      const input = { ...built.target, bandwidthMbps: built.request.azure.circuit.bandwidthMbps, bgp: built.request.bgp, drgId: drg.id };
      return { ...built, input };
    }

    it("when the circuit has no service key yet, then the result is notReady and nothing is created", async () => {
      const { activities, oci, input } = await withCircuit(null);
      expect(await run(activities.StartVirtualCircuitActivity, input)).toEqual({ kind: "notReady", reason: "the ExpressRoute circuit erp-db-link-erc has no service key yet" });
      expect(oci.virtualCircuits.size).toBe(0);
    });

    it("when created, then it uses the service key, the matching shape and Oracle's BGP addresses; the key never shows in the result", async () => {
      const { activities, oci, input } = await withCircuit("the-service-key");
      const result = await run(activities.StartVirtualCircuitActivity, input);
      expect(result).toMatchObject({ kind: "ok", virtualCircuitId: expect.stringMatching(/^ocid1\.virtualcircuit\./) });
      expect(JSON.stringify(result)).not.toContain("the-service-key");
      expect([...oci.virtualCircuits.values()]).toEqual([
        expect.objectContaining({
          displayName: "erp-db-link-vc",
          bandwidthShapeName: "1 Gbps",
          providerServiceKeyName: "the-service-key",
          crossConnectMappings: [
            { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
            { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
          ],
          freeformTags: { interlink: "erp-db-link", "interlink-ticket": "CHG0012345" },
        }),
      ]);
    });

    it("when the create succeeded but its answer was lost, then the activity throws and its re-run finds that circuit by name: one exists", async () => {
      const { activities, oci, input } = await withCircuit("the-service-key");
      oci.loseNextAnswer("createVirtualCircuit", ociError(504, "GatewayTimeout"));
      await expect(run(activities.StartVirtualCircuitActivity, input)).rejects.toThrow(/GatewayTimeout/);
      const retried = await run(activities.StartVirtualCircuitActivity, input);
      expect(retried).toEqual({ kind: "ok", virtualCircuitId: [...oci.virtualCircuits.keys()][0] });
      expect(oci.callsOf("createVirtualCircuit")).toBe(1);
      expect(oci.virtualCircuits.size).toBe(1);
    });

    it("when OCI throttles, then the activity throws; when OCI has no Azure provider, then it refuses", async () => {
      const { activities, oci, input } = await withCircuit("the-service-key");
      oci.failNext("createVirtualCircuit", ociError(429, "TooManyRequests"));
      await expect(run(activities.StartVirtualCircuitActivity, input)).rejects.toThrow(/TooManyRequests/);
      oci.providerServiceId = null;
      expect(await run(activities.StartVirtualCircuitActivity, input)).toMatchObject({ kind: "failed", error: { code: "ProviderServiceNotFound" } });
    });
  });

  describe("EnsureDrgAttachmentActivity", () => {
    it("when the DRG is still provisioning, then notReady; once available, attached once however often it runs", async () => {
      const { activities, oci, target } = networkActivities();
      const drg = oci.addDrg(NETWORKS.compartmentId, "erp-db-link-drg", { interlink: "erp-db-link" }, "PROVISIONING");
      expect(await run(activities.EnsureDrgAttachmentActivity, { ...target, drgId: drg.id })).toMatchObject({ kind: "notReady", reason: expect.stringContaining("IncorrectState") });
      const stored = oci.drgs.get(drg.id);
      if (stored) stored.lifecycleState = "AVAILABLE";
      const attached = await run(activities.EnsureDrgAttachmentActivity, { ...target, drgId: drg.id });
      expect(attached).toMatchObject({ kind: "ok", created: true });
      expect(await run(activities.EnsureDrgAttachmentActivity, { ...target, drgId: drg.id })).toMatchObject({ kind: "ok", created: true, attachmentId: attached.kind === "ok" ? attached.attachmentId : "" });
      expect([...oci.attachments.values()]).toHaveLength(1);
    });

    it("when the VCN is attached to another DRG, then it refuses rather than attach it twice", async () => {
      const { activities, oci, target } = networkActivities();
      const other = oci.addDrg(NETWORKS.compartmentId, "corp-drg");
      await oci.createDrgAttachment(other.id, NETWORKS.vcnId, "corp", {}, "corp-token");
      const mine = oci.addDrg(NETWORKS.compartmentId, "erp-db-link-drg", { interlink: "erp-db-link" });
      expect(await run(activities.EnsureDrgAttachmentActivity, { ...target, drgId: mine.id })).toMatchObject({ kind: "failed", error: { code: "VcnAttachedElsewhere" } });
    });
  });
});
