import { armError, ociError } from "../../support/fake-clouds";
import { NETWORKS, networkActivities, run } from "../../support/activities";

const MARKER = "interlink:erp-db-link";

function withDrg(change?: Parameters<typeof networkActivities>[0]) {
  const built = networkActivities(change);
  const drg = built.oci.addDrg(NETWORKS.compartmentId, "erp-db-link-drg", { interlink: "erp-db-link" });
  const vcn = built.oci.vcns.get(NETWORKS.vcnId);
  const table = built.oci.routeTables.get(vcn?.defaultRouteTableId ?? "");
  // Someone else's rule in the same VCN route table: Interlink never touches it.
  table?.rules.push({ destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", networkEntityId: "ocid1.internetgateway.oc1.iad.corp" });
  return { ...built, drg, ociTable: () => built.oci.routeTables.get(vcn?.defaultRouteTableId ?? "")?.rules ?? [] };
}

describe("routing activities (fake cloud ports)", () => {
  describe("ApplyRoutesActivity", () => {
    it("when applied active, then the VCN routes the VNet CIDRs to the DRG beside foreign rules, and the app subnet gets Interlink's route table; applied again, nothing changes", async () => {
      const { activities, azure, oci, target, drg, ociTable } = withDrg();
      const input = { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" as const };
      const applied = await run(activities.ApplyRoutesActivity, input);
      expect(applied).toMatchObject({ kind: "ok", ociRules: 1, azureRoutes: 0, drgStaticRoutes: 0 });
      expect(ociTable()).toEqual([
        { destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", networkEntityId: "ocid1.internetgateway.oc1.iad.corp" },
        { destination: NETWORKS.vnetCidr, destinationType: "CIDR_BLOCK", networkEntityId: drg.id, description: MARKER },
      ]);
      const routeTableId = applied.kind === "ok" ? applied.azureRouteTableId : "";
      expect(azure.vnets.get("rg-net/vnet-app")?.subnets.find((subnet) => subnet.name === "app")?.routeTableId).toBe(routeTableId);

      expect(await run(activities.ApplyRoutesActivity, input)).toEqual(applied);
      expect(oci.callsOf("setRouteRules")).toBe(1);
    });

    it("when blackholed (suspend), then the VCN rules go and Azure routes the VCN to None; applied active again, the rules come back", async () => {
      const { activities, azure, target, drg, ociTable } = withDrg();
      const input = { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr] };
      await run(activities.ApplyRoutesActivity, { ...input, mode: "active" });
      expect(await run(activities.ApplyRoutesActivity, { ...input, mode: "blackhole" })).toMatchObject({ kind: "ok", ociRules: 0, azureRoutes: 1 });
      expect(ociTable().map((rule) => rule.destination)).toEqual(["0.0.0.0/0"]);
      expect(azure.routeTables.get("rg-net/erp-db-link-rt")?.routes).toEqual([{ name: "interlink-erp-db-link-blackhole-0", addressPrefix: NETWORKS.vcnCidr, nextHopType: "None" }]);
      await run(activities.ApplyRoutesActivity, { ...input, mode: "active" });
      expect(ociTable().map((rule) => rule.destination)).toEqual(["0.0.0.0/0", NETWORKS.vnetCidr]);
      expect(azure.routeTables.get("rg-net/erp-db-link-rt")?.routes).toEqual([]);
    });

    it("when the route table changed between read and write (412), then the activity throws so the retry re-reads it", async () => {
      const { activities, oci, target, drg, ociTable } = withDrg();
      oci.failNext("setRouteRules", ociError(412, "NoEtagMatch"));
      const input = { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" as const };
      await expect(run(activities.ApplyRoutesActivity, input)).rejects.toThrow(/NoEtagMatch/);
      expect(await run(activities.ApplyRoutesActivity, input)).toMatchObject({ kind: "ok", ociRules: 1 });
      expect(ociTable()).toHaveLength(2);
    });

    it("when a subnet is busy, then the activity throws for Durable to retry: suspend and resume call it with no wait of their own", async () => {
      const { activities, azure, target, drg } = withDrg();
      azure.failNext("associateSubnet", armError(409, "AnotherOperationInProgress", "the subnet app is being updated"));
      const input = { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" as const };
      await expect(run(activities.ApplyRoutesActivity, input)).rejects.toThrow(/AnotherOperationInProgress/);
    });

    it("when a peered VCN's CIDR is already routed by the DRG to another attachment, then it refuses before changing any route", async () => {
      const { activities, oci, target, drg, ociTable } = withDrg((r) => (r.oci.peeredVcns = [{ cidrs: ["10.30.0.0/16"] }]));
      await oci.createDrgAttachment(drg.id, NETWORKS.vcnId, "erp-db-link-drg-attachment", { interlink: "erp-db-link" }, "token");
      const elsewhere = await oci.createDrgAttachment(drg.id, "ocid1.vcn.oc1.iad.other", "other-team", {}, "other-token");
      oci.drgRouteTables.set(drg.virtualCircuitRouteTableId ?? "", [{ id: "rule-1", destination: "10.30.0.0/16", nextHopDrgAttachmentId: elsewhere.id }]);
      const refused = await run(activities.ApplyRoutesActivity, { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" });
      expect(refused).toMatchObject({ kind: "failed", error: { cloud: "interlink", code: "PeeredVcnRouteConflict" } });
      expect(ociTable()).toHaveLength(1);
    });
  });

  describe("RemoveRoutesActivity", () => {
    it("when routes are removed, then only Interlink's VCN rules go, the subnet lets go of its route table and the table is deleted; run again, it finds nothing to do", async () => {
      const { activities, azure, oci, target, drg, ociTable } = withDrg();
      await run(activities.ApplyRoutesActivity, { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" });
      expect(await run(activities.RemoveRoutesActivity, { ...target, recordedDrgId: drg.id })).toEqual({ kind: "ok", ociRulesRemoved: 1, azureRouteTableDeleted: true, seenVcn: { compartmentId: "ocid1.compartment.oc1..aaaa", defaultRouteTableId: oci.vcns.get(NETWORKS.vcnId)?.defaultRouteTableId }, operations: [] });
      expect(ociTable().map((rule) => rule.destination)).toEqual(["0.0.0.0/0"]);
      expect(azure.vnets.get("rg-net/vnet-app")?.subnets.find((subnet) => subnet.name === "app")?.routeTableId).toBeUndefined();
      expect(azure.routeTables.size).toBe(0);
      expect(await run(activities.RemoveRoutesActivity, { ...target, recordedDrgId: drg.id })).toMatchObject({ kind: "ok", ociRulesRemoved: 0, azureRouteTableDeleted: false, operations: [] });
    });

    it("when the table delete fails transiently after the rules went, then the activity throws and its re-run finishes the job", async () => {
      const { activities, azure, oci, target, drg, ociTable } = withDrg();
      await run(activities.ApplyRoutesActivity, { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" });
      azure.failNext("deleteRouteTable", armError(500, "InternalServerError"));
      await expect(run(activities.RemoveRoutesActivity, { ...target, recordedDrgId: drg.id })).rejects.toThrow(/InternalServerError/);
      expect(ociTable()).toHaveLength(1);
      expect(await run(activities.RemoveRoutesActivity, { ...target, recordedDrgId: drg.id })).toEqual({ kind: "ok", ociRulesRemoved: 0, azureRouteTableDeleted: true, seenVcn: { compartmentId: "ocid1.compartment.oc1..aaaa", defaultRouteTableId: oci.vcns.get(NETWORKS.vcnId)?.defaultRouteTableId }, operations: [] });
      expect(azure.routeTables.size).toBe(0);
    });

    it("when a subnet is busy with another operation, then the result is notReady for the orchestrator to wait on", async () => {
      const { activities, azure, target, drg } = withDrg();
      await run(activities.ApplyRoutesActivity, { ...target, drgId: drg.id, vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], mode: "active" });
      azure.failNext("associateSubnet", armError(409, "AnotherOperationInProgress", "the subnet app is being updated"));
      expect(await run(activities.RemoveRoutesActivity, { ...target, recordedDrgId: drg.id })).toEqual({ kind: "notReady", reason: "AnotherOperationInProgress: the subnet app is being updated" });
    });
  });

  describe("VerifyConnectivityActivity", () => {
    function connected() {
      const built = withDrg();
      const { azure, oci, drg } = built;
      azure.circuits.set("rg-net/erp-db-link-erc", { id: "erc-id", provisioningState: "Succeeded", serviceProviderProvisioningState: "Provisioned", tags: {}, serviceKey: "key", privatePeering: { state: "Enabled", primaryPeerAddressPrefix: "10.99.0.0/30", secondaryPeerAddressPrefix: "10.99.0.4/30", peerAsn: 31898, azureAsn: 12076 } });
      azure.connections.set("rg-net/erp-db-link-erconn", { id: "conn-id", provisioningState: "Succeeded", connectionStatus: "Connected", gatewayId: "/subscriptions/sub/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vnet-app-ergw" });
      azure.gatewayLearned.set("vnet-app-ergw", [NETWORKS.vcnCidr]);
      Object.assign(azure.tables, { "routes:primary": [NETWORKS.vcnCidr], "routes:secondary": [NETWORKS.vcnCidr], "arp:primary": ["10.99.0.1"], "arp:secondary": ["10.99.0.5"] });
      oci.virtualCircuits.set("vc-id", { id: "vc-id", displayName: "erp-db-link-vc", lifecycleState: "PROVISIONED", providerState: "ACTIVE", bgpSessionState: "UP", drgId: drg.id, freeformTags: {}, compartmentId: NETWORKS.compartmentId, providerServiceKeyName: "key", crossConnectMappings: [] });
      oci.learnedRoutes.set(drg.id, [NETWORKS.vnetCidr]);
      const input = { ...built.target, bgp: built.request.bgp, virtualCircuitId: "vc-id", vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr] };
      return { ...built, input };
    }

    it("when both sides have learned each other's routes, then the test passes with its evidence", async () => {
      const { activities, input } = connected();
      expect(await run(activities.VerifyConnectivityActivity, input)).toMatchObject({
        kind: "ok",
        passed: true,
        problems: [],
        evidence: { bgpSessionState: "UP", connectionStatus: "Connected", azureLearnedPrefixes: { primary: [NETWORKS.vcnCidr], secondary: [NETWORKS.vcnCidr] }, arpNeighbours: { primary: ["10.99.0.1"], secondary: ["10.99.0.5"] }, ociLearnedPrefixes: [NETWORKS.vnetCidr] },
      });
    });

    it("when the circuit's tables are still being read, then it answers with the running reads instead of waiting, and passes when they are handed back finished", async () => {
      const { activities, azure, input } = connected();
      azure.tablePolls = 2;
      const first = await run(activities.VerifyConnectivityActivity, input);
      expect(first).toMatchObject({ kind: "ok", passed: false, problems: ["reading the circuit's route and ARP tables"], tableReads: { routesPrimary: { operation: expect.any(String) } } });
      const tableReads = first.kind === "ok" ? first.tableReads : undefined;
      expect(await run(activities.VerifyConnectivityActivity, { ...input, ...(tableReads ? { tableReads } : {}) })).toMatchObject({ kind: "ok", passed: true });
    });

    it("when BGP is UP on the circuit but the VNet's gateway learned nothing over its connection, then the test does not pass and names the gateway", async () => {
      const { activities, azure, input } = connected();
      azure.gatewayLearned.set("vnet-app-ergw", []);
      expect(await run(activities.VerifyConnectivityActivity, input)).toMatchObject({ kind: "ok", passed: false, problems: [`the ExpressRoute gateway has not learned ${NETWORKS.vcnCidr}`] });
    });

    it("when the gateway connection is gone while BGP stays UP, then the test does not pass and names the missing connection", async () => {
      const { activities, azure, input } = connected();
      azure.connections.clear();
      const result = await run(activities.VerifyConnectivityActivity, input);
      expect(result).toMatchObject({ kind: "ok", passed: false, evidence: { bgpSessionState: "UP" } });
      expect(result.kind === "ok" ? result.problems : []).toEqual(["gateway connection is missing", `the ExpressRoute gateway has not learned ${NETWORKS.vcnCidr}`]);
    });

    it("when OCI has not learned the VNet and BGP is down, then it fails with both problems named", async () => {
      const { activities, oci, drg, input } = connected();
      oci.learnedRoutes.set(drg.id, []);
      const vc = oci.virtualCircuits.get("vc-id");
      if (vc) vc.bgpSessionState = "DOWN";
      expect(await run(activities.VerifyConnectivityActivity, input)).toMatchObject({ kind: "ok", passed: false, problems: ["OCI BGP session is DOWN", `OCI has not learned ${NETWORKS.vnetCidr} over the virtual circuit`] });
    });
  });
});
