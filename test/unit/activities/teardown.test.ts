import { specHash } from "../../../shared/domain/fingerprint";
import { InventoryRecord } from "../../../shared/domain/inventory";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { armError, ociError } from "../../support/fake-clouds";
import { NETWORKS, networkActivities, run } from "../../support/activities";
import { designRequest } from "../../support/requests";

const VNET_ID = `/subscriptions/sub/resourceGroups/${NETWORKS.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${NETWORKS.vnet}`;

/** An interconnect built far enough to tear down: circuit, gateway (Interlink's), connection, virtual circuit, DRG and attachment. */
async function built() {
  const setup = networkActivities();
  const { activities, azure, oci, target, request } = setup;
  await run(activities.EnsureGatewaySubnetActivity, { ...target, gatewaySubnetPrefix: request.azure.gatewaySubnetPrefix });
  await run(activities.StartCircuitActivity, { ...target, circuit: request.azure.circuit });
  const gateway = await run(activities.StartGatewayActivity, target);
  const gatewayId = gateway.kind === "ok" ? gateway.gatewayId : "";
  for (const built of azure.gateways.values()) built.provisioningState = "Succeeded";
  const circuit = [...azure.circuits.values()][0];
  if (circuit) circuit.serviceKey = "key";
  await run(activities.StartConnectionActivity, { ...target, gatewayId });
  const drg = await run(activities.EnsureDrgActivity, target);
  const drgId = drg.kind === "ok" ? drg.drgId : "";
  const stored = oci.drgs.get(drgId);
  if (stored) stored.lifecycleState = "AVAILABLE";
  await run(activities.EnsureDrgAttachmentActivity, { ...target, drgId });
  const vc = await run(activities.StartVirtualCircuitActivity, { ...target, bandwidthMbps: 1000, bgp: request.bgp, drgId });
  // The gateway's IP configuration sits in the GatewaySubnet while the gateway exists.
  const subnet = azure.vnets.get("rg-net/vnet-app")?.subnets.find((candidate) => candidate.name === "GatewaySubnet");
  subnet?.usedBy.push(`${gatewayId}/ipConfigurations/gwipconfig`);
  return { ...setup, gatewayId, drgId, virtualCircuitId: vc.kind === "ok" ? vc.virtualCircuitId : "", gatewaySubnet: subnet };
}

/** Another interconnect recorded on the same VNet, in the given state. */
function neighbour(state: InventoryRecord["state"]): InventoryRecord {
  const spec = SetupRequest.parse(designRequest((r) => (r.name = "other-link")));
  return InventoryRecord.parse({ name: "other-link", state, sequence: 1, spec, specHash: specHash(spec), createdAt: "2026-11-22T10:00:00.000Z", updatedAt: "2026-11-22T10:00:00.000Z" });
}

describe("teardown activities (fake cloud ports)", () => {
  it("when the connection, virtual circuit and circuit are deleted twice, then the second run finds each already gone", async () => {
    const { activities, azure, oci, target, virtualCircuitId } = await built();
    expect(await run(activities.DeleteConnectionActivity, target)).toEqual({ kind: "ok", existed: true, operations: [] });
    expect(await run(activities.DeleteConnectionActivity, target)).toEqual({ kind: "ok", existed: false, operations: [] });
    expect(await run(activities.DeleteVirtualCircuitActivity, { ...target, virtualCircuitId })).toEqual({ kind: "ok", existed: true, virtualCircuitId });
    expect(await run(activities.DeleteVirtualCircuitActivity, { ...target, virtualCircuitId })).toEqual({ kind: "ok", existed: false, virtualCircuitId });
    expect(oci.virtualCircuits.get(virtualCircuitId)?.lifecycleState).toBe("TERMINATING");
    expect(await run(activities.DeleteCircuitActivity, target)).toEqual({ kind: "ok", existed: true, operation: expect.any(String) });
    expect(await run(activities.DeleteCircuitActivity, target)).toEqual({ kind: "ok", existed: false, operation: null });
    expect(azure.circuits.size).toBe(0);
  });

  it("when the virtual circuit's id was never recorded (a crash before the record), then it is found by name and deleted", async () => {
    const { activities, target, virtualCircuitId } = await built();
    expect(await run(activities.DeleteVirtualCircuitActivity, target)).toEqual({ kind: "ok", existed: true, virtualCircuitId });
  });

  it("when a delete meets a transient error, then the activity throws; when the resource is busy, then it answers notReady", async () => {
    const { activities, azure, target } = await built();
    azure.failNext("deleteConnection", armError(503, "ServiceUnavailable"));
    await expect(run(activities.DeleteConnectionActivity, target)).rejects.toThrow(/ServiceUnavailable/);
    azure.failNext("deleteConnection", armError(409, "AnotherOperationInProgress", "the connection is being updated"));
    expect(await run(activities.DeleteConnectionActivity, target)).toEqual({ kind: "notReady", reason: "AnotherOperationInProgress: the connection is being updated" });
    expect(azure.connections.size).toBe(1);
    azure.failNext("deleteConnection", armError(403, "AuthorizationFailed", "not allowed"));
    expect(await run(activities.DeleteConnectionActivity, target)).toMatchObject({ kind: "failed", error: { cloud: "azure", status: 403, code: "AuthorizationFailed" } });
  });

  describe("DeleteGatewayIfUnusedActivity", () => {
    it("when a connection still uses the gateway, then it is kept; once it is gone, deleted; run again, nothing is there", async () => {
      const { activities, azure, target } = await built();
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept vnet-app-ergw: still used by erp-db-link-erconn", operations: [] });
      await run(activities.DeleteConnectionActivity, target);
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: true, reason: "deleting vnet-app-ergw", gatewayId: expect.stringContaining("/virtualNetworkGateways/vnet-app-ergw"), operations: [] });
      expect(azure.gateways.size).toBe(0);
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "no ExpressRoute gateway", operations: [] });
    });

    it("when Interlink's gateway is still being built (a setup rolled back mid-way), then the delete waits (notReady) and deletes nothing", async () => {
      const { activities, azure, target } = await built();
      await run(activities.DeleteConnectionActivity, target);
      for (const gateway of azure.gateways.values()) gateway.provisioningState = "Updating";
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "notReady", reason: "the gateway vnet-app-ergw is Updating" });
      expect(azure.callsOf("deleteVirtualNetworkGateway")).toBe(0);
    });

    it("when another interconnect on the VNet is live or being set up, then the gateway is kept for it; a deleted one does not count", async () => {
      const { activities, azure, inventory, target } = await built();
      await run(activities.DeleteConnectionActivity, target);
      inventory.records.set("other-link", neighbour("Provisioning"));
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept vnet-app-ergw: interconnect(s) other-link on the same VNet need it", operations: [] });
      inventory.records.set("other-link", neighbour("Deleted"));
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toMatchObject({ kind: "ok", deleted: true });
      expect(azure.gateways.size).toBe(0);
    });

    it("when the gateway was not created by Interlink, then it is never deleted", async () => {
      const { activities, azure, target } = networkActivities();
      azure.gateways.set("rg-net/corp-gw", { id: "corp-gw-id", name: "corp-gw", gatewayType: "ExpressRoute", subnetId: `${VNET_ID}/subnets/GatewaySubnet`, tags: {} });
      expect(await run(activities.DeleteGatewayIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept corp-gw: Interlink did not create it", operations: [] });
      expect(azure.callsOf("deleteVirtualNetworkGateway")).toBe(0);
    });
  });

  describe("DeleteGatewayPublicIpIfUnusedActivity", () => {
    it("when the gateway's public IP is Interlink's, then it goes once no gateway uses it; an untagged one is kept", async () => {
      const { activities, azure, target } = networkActivities();
      expect(await run(activities.DeleteGatewayPublicIpIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "no public IP", operations: [] });
      const ip = await run(activities.EnsureGatewayPublicIpActivity, target);
      const publicIpId = ip.kind === "ok" ? ip.publicIpId : "";
      await run(activities.StartGatewayActivity, { ...target, publicIpId });
      expect(await run(activities.DeleteGatewayPublicIpIfUnusedActivity, target)).toMatchObject({ kind: "ok", deleted: false, reason: expect.stringMatching(/^kept vnet-app-ergw-pip: used by .*vnet-app-ergw/) });
      azure.gateways.clear();
      expect(await run(activities.DeleteGatewayPublicIpIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: true, reason: "deleting vnet-app-ergw-pip", operations: [] });
      expect(azure.publicIps.size).toBe(0);
      azure.publicIps.set("rg-net/vnet-app-ergw-pip", { id: "corp-pip-id", provisioningState: "Succeeded", tags: {} });
      expect(await run(activities.DeleteGatewayPublicIpIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept vnet-app-ergw-pip: Interlink did not create it", operations: [] });
      expect(azure.callsOf("deletePublicIp")).toBe(1);
    });
  });

  describe("DeleteGatewaySubnetIfUnusedActivity", () => {
    it("when the GatewaySubnet was there before Interlink, then it is reported as found and never deleted", async () => {
      const { activities, azure, target, request } = networkActivities();
      azure.vnets.get("rg-net/vnet-app")?.subnets.push({ name: "GatewaySubnet", id: `${VNET_ID}/subnets/GatewaySubnet`, addressPrefix: "10.10.254.0/27", usedBy: [] });
      expect(await run(activities.EnsureGatewaySubnetActivity, { ...target, gatewaySubnetPrefix: request.azure.gatewaySubnetPrefix })).toMatchObject({ kind: "ok", created: false });
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept: Interlink did not create it", operations: [] });
      expect(azure.callsOf("deleteSubnet")).toBe(0);
    });

    it("when Interlink created it, then it goes once nothing uses it, and its claim with it", async () => {
      const { activities, azure, claims, target, gatewaySubnet } = await built();
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept: used by 1 IP configuration(s)", operations: [] });
      gatewaySubnet?.usedBy.splice(0);
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: true, reason: "deleted", operations: [] });
      expect(azure.vnets.get("rg-net/vnet-app")?.subnets.map((subnet) => subnet.name)).toEqual(["app"]);
      expect(claims.claims.size).toBe(0);
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, { ...target, gatewaySubnetCreated: true })).toEqual({ kind: "ok", deleted: false, reason: "already gone", operations: [] });
    });

    it("when the answer to the subnet PUT is lost, then the retried step still says Interlink created it, and teardown removes it", async () => {
      const { activities, azure, claims, target, request } = networkActivities();
      const input = { ...target, gatewaySubnetPrefix: request.azure.gatewaySubnetPrefix };
      azure.loseNextAnswer("ensureSubnet", armError(429, "SubscriptionRequestsThrottled"));
      await expect(run(activities.EnsureGatewaySubnetActivity, input)).rejects.toThrow("SubscriptionRequestsThrottled");
      const subnetId = `/subscriptions/${NETWORKS.subscriptionId}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/GatewaySubnet`;
      expect([...claims.claims.values()]).toEqual([expect.objectContaining({ resourceId: subnetId, owner: target.ref.name })]);
      expect(await run(activities.EnsureGatewaySubnetActivity, input)).toMatchObject({ kind: "ok", created: true });
      // The orchestration never learnt the flag (the step was rolled back): the claim alone is enough.
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: true, reason: "deleted", operations: [] });
    });

    it("when another interconnect on the VNet is live, then the GatewaySubnet Interlink created stays for it", async () => {
      const { activities, inventory, target, gatewaySubnet } = await built();
      gatewaySubnet?.usedBy.splice(0);
      await inventory.update("other-link", () => neighbour("Active"));
      expect(await run(activities.DeleteGatewaySubnetIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: false, reason: "kept: interconnect(s) other-link on the same VNet need it", operations: [] });
    });
  });

  describe("DRG attachment and DRG", () => {
    it("when torn down in order, then the attachment is detached, then the DRG deleted; each run again finds nothing", async () => {
      const { activities, oci, target, drgId } = await built();
      const input = { ...target, recordedDrgId: drgId };
      expect(await run(activities.DeleteDrgIfUnusedActivity, input)).toEqual({ kind: "ok", deleted: false, reason: "kept: 1 attachment(s) still use it", operations: [] });
      expect(await run(activities.DeleteDrgAttachmentIfOwnedActivity, input)).toEqual({ kind: "ok", deleted: true, reason: "detaching", detaching: { compartmentId: target.oci.compartmentId, drgId, vcnId: target.oci.vcnId }, operations: [] });
      expect(await run(activities.DeleteDrgAttachmentIfOwnedActivity, input)).toEqual({ kind: "ok", deleted: false, reason: "no attachment", operations: [] });
      expect(await run(activities.DeleteDrgIfUnusedActivity, input)).toEqual({ kind: "ok", deleted: true, reason: "deleted", operations: [] });
      expect(oci.drgs.get(drgId)?.lifecycleState).toBe("TERMINATED");
      expect(await run(activities.DeleteDrgIfUnusedActivity, input)).toEqual({ kind: "ok", deleted: false, reason: "no DRG", operations: [] });
    });

    it("when the DRG id was never recorded, then Interlink's own DRG is found by name and owner tag", async () => {
      const { activities, target } = await built();
      expect(await run(activities.DeleteDrgAttachmentIfOwnedActivity, target)).toMatchObject({ kind: "ok", deleted: true, reason: "detaching" });
      expect(await run(activities.DeleteDrgIfUnusedActivity, target)).toEqual({ kind: "ok", deleted: true, reason: "deleted", operations: [] });
    });

    it("when the request named an existing DRG, then it is never deleted", async () => {
      const { activities, oci, target } = networkActivities((r) => (r.oci.drgId = "ocid1.drg.oc1.iad.aaaa"));
      const theirs = oci.addDrg(NETWORKS.compartmentId, "corp-drg", { interlink: "erp-db-link" });
      expect(await run(activities.DeleteDrgIfUnusedActivity, { ...target, recordedDrgId: theirs.id })).toEqual({ kind: "ok", deleted: false, reason: "kept: the request named an existing DRG", operations: [] });
      expect(oci.callsOf("deleteDrg")).toBe(0);
    });

    it("when OCI says the DRG is in a state that forbids the delete, then the answer is notReady", async () => {
      const { activities, oci, target, drgId } = await built();
      await run(activities.DeleteDrgAttachmentIfOwnedActivity, { ...target, recordedDrgId: drgId });
      oci.failNext("deleteDrg", ociError(409, "IncorrectState", "the DRG is still detaching"));
      expect(await run(activities.DeleteDrgIfUnusedActivity, { ...target, recordedDrgId: drgId })).toEqual({ kind: "notReady", reason: "IncorrectState: the DRG is still detaching" });
      expect(await run(activities.DeleteDrgIfUnusedActivity, { ...target, recordedDrgId: drgId })).toMatchObject({ kind: "ok", deleted: true });
    });
  });

  it("when the DRG is detached, then the delete says where the attachment was, and one call reads it attached until it is gone", async () => {
    const { activities, oci, target, drgId } = await built();
    const where = { compartmentId: target.oci.compartmentId, drgId, vcnId: target.oci.vcnId };
    expect(await run(activities.ReadDrgAttachmentActivity, { ref: target.ref, ...where })).toEqual({ kind: "ok", attached: true });
    expect(await run(activities.DeleteDrgAttachmentIfOwnedActivity, { ...target, recordedDrgId: drgId })).toMatchObject({ kind: "ok", deleted: true, detaching: where });
    const before = oci.callsOf("listDrgAttachments");
    expect(await run(activities.ReadDrgAttachmentActivity, { ref: target.ref, ...where })).toEqual({ kind: "ok", attached: false });
    expect(oci.callsOf("listDrgAttachments") - before).toBe(1);
  });
});
