import { models, requests, type VirtualNetworkClient } from "oci-core";
import { azureNetworkClient, DEMO, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest, operate, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

const SPOKE_CIDR = "10.30.0.0/16";
const ATTACHED_SPOKE_CIDR = "10.31.0.0/16";

interface StepView {
  id: string;
  detail?: string;
}

/**
 * The seed's VNet -> VCN -> peered VCN traffic: a VCN peered through the interconnected VCN is advertised to
 * Azure by a static rule in the DRG's virtual-circuit route table; one attached to the same DRG needs none.
 */
describe("VCNs peered to the interconnected VCN", () => {
  let stack: InProcessStack;
  let oci: VirtualNetworkClient;
  let spokeId: string;
  let attachedSpokeId: string;
  let attachedSpokeAttachmentId: string;

  const staticRoutes = async (table: "virtualCircuit" | "ipsecTunnel" = "virtualCircuit") => {
    const drg = await oci.getDrg({ drgId: DEMO.drg.id });
    const rules = await oci.listDrgRouteRules({ drgRouteTableId: drg.drg.defaultDrgRouteTables?.[table] ?? "" });
    return rules.items.filter((rule) => String(rule.routeType) === "STATIC").map((rule) => ({ destination: rule.destination, nextHop: rule.nextHopDrgAttachmentId }));
  };
  const hubAttachmentId = async () => {
    const attachments = await oci.listDrgAttachments({ compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, drgId: DEMO.drg.id });
    return attachments.items.find((attachment) => String(attachment.lifecycleState) === "ATTACHED")?.id;
  };
  /** What Azure learned over the circuit's primary device. */
  const azureLearned = async (name: string) => {
    const azure = azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId);
    const table = await azure.expressRouteCircuits.beginListRoutesTableAndWait(DEMO.resourceGroup, `${name}-erc`, "AzurePrivatePeering", "primary");
    return (table.value ?? []).map((route) => route.network);
  };
  const withSpoke = (name: string, vcnId: string, cidr: string) =>
    namedRequest(name, (request) => {
      request.oci.peeredVcns = [{ vcnId, cidrs: [cidr] }];
      request.traffic = [...request.traffic, { from: "azure", to: "oci-peered", protocol: "tcp", ports: "443" }];
    });

  beforeAll(async () => {
    stack = await startInProcessStack();
    oci = ociVirtualNetworkClient(stack.emulators.oci);
    spokeId = (await oci.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [SPOKE_CIDR], displayName: "vcn-spoke" } })).vcn.id;
    attachedSpokeId = (await oci.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [ATTACHED_SPOKE_CIDR], displayName: "vcn-spoke-attached" } })).vcn.id;
    await stack.host.clock.advance(60_000);
    const attachment = await oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: DEMO.drg.id, displayName: "spoke-attachment", networkDetails: { type: "VCN", id: attachedSpokeId } as models.VcnDrgAttachmentNetworkCreateDetails } });
    attachedSpokeAttachmentId = attachment.drgAttachment.id;
    await stack.host.clock.advance(60_000);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when the peered VCN sits behind the interconnected VCN, then the DRG advertises it to Azure until suspend or teardown withdraws it", async () => {
    const { outcome, status } = await setup(stack, withSpoke("spoke-link", spokeId, SPOKE_CIDR));
    expect(outcome.status).toBe("succeeded");
    const routing = (status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "routing");
    expect(routing?.detail).toContain("1 DRG route(s) for peered VCNs");
    const hub = await hubAttachmentId();
    expect(await staticRoutes()).toEqual([{ destination: SPOKE_CIDR, nextHop: hub }]);
    expect(await azureLearned("spoke-link")).toEqual(expect.arrayContaining([DEMO.vcn.cidr, SPOKE_CIDR]));
    expect((await run(stack, "POST", "/api/interconnects/spoke-link/health")).body).toMatchObject({ verdict: "healthy" });

    expect((await operate(stack, "POST", "/api/interconnects/spoke-link/suspend")).outcome.status).toBe("succeeded");
    expect(await staticRoutes()).toEqual([]);
    expect(await azureLearned("spoke-link")).not.toContain(SPOKE_CIDR);
    expect((await operate(stack, "POST", "/api/interconnects/spoke-link/resume")).outcome.status).toBe("succeeded");
    expect(await staticRoutes()).toEqual([{ destination: SPOKE_CIDR, nextHop: hub }]);

    // Lost out of band: the health check notices that Azure no longer learns the peered VCN.
    const drg = await oci.getDrg({ drgId: DEMO.drg.id });
    const tableId = drg.drg.defaultDrgRouteTables?.virtualCircuit ?? "";
    const [rule] = (await oci.listDrgRouteRules({ drgRouteTableId: tableId })).items.filter((candidate) => String(candidate.routeType) === "STATIC");
    await oci.removeDrgRouteRules({ drgRouteTableId: tableId, removeDrgRouteRulesDetails: { routeRuleIds: [rule?.id ?? ""] } });
    const degraded = (await run(stack, "POST", "/api/interconnects/spoke-link/health")).body as { verdict: string; reasons: string[] };
    expect(degraded.verdict).toBe("degraded");
    expect(degraded.reasons.join(" ")).toContain(SPOKE_CIDR);

    await oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [{ destinationType: models.AddDrgRouteRuleDetails.DestinationType.CidrBlock, destination: SPOKE_CIDR, nextHopDrgAttachmentId: hub ?? "" }] } });
    expect((await teardown(stack, "spoke-link")).outcome.status).toBe("succeeded");
    expect(await staticRoutes()).toEqual([]);
    expect(await taggedResources(stack, "spoke-link")).toEqual([]);
  });

  it("when the peered VCN is attached to the same DRG, then no static rule is added and Azure learns it anyway", async () => {
    const { outcome, status } = await setup(stack, withSpoke("attached-link", attachedSpokeId, ATTACHED_SPOKE_CIDR));
    expect(outcome.status).toBe("succeeded");
    expect((status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "routing")?.detail).not.toContain("DRG route");
    expect(await staticRoutes()).toEqual([]);
    expect(await azureLearned("attached-link")).toEqual(expect.arrayContaining([DEMO.vcn.cidr, ATTACHED_SPOKE_CIDR]));
    expect((await teardown(stack, "attached-link")).outcome.status).toBe("succeeded");
  });

  it("when an operator moved the circuit's attachment to another DRG route table, then resume advertises from that table and teardown clears both", async () => {
    expect((await setup(stack, withSpoke("moved-link", spokeId, SPOKE_CIDR))).outcome.status).toBe("succeeded");
    const drg = await oci.getDrg({ drgId: DEMO.drg.id });
    const [vc] = (await oci.listVirtualCircuits({ compartmentId: DEMO.compartmentId, displayName: "moved-link-vc" })).items;
    const [vcAttachment] = (
      await oci.listDrgAttachments({ compartmentId: DEMO.compartmentId, drgId: DEMO.drg.id, attachmentType: requests.ListDrgAttachmentsRequest.AttachmentType.VirtualCircuit, networkId: vc?.id ?? "" })
    ).items;
    await oci.updateDrgAttachment({ drgAttachmentId: vcAttachment?.id ?? "", updateDrgAttachmentDetails: { drgRouteTableId: drg.drg.defaultDrgRouteTables?.ipsecTunnel ?? "" } });
    expect(await azureLearned("moved-link")).not.toContain(SPOKE_CIDR);

    expect((await operate(stack, "POST", "/api/interconnects/moved-link/suspend")).outcome.status).toBe("succeeded");
    expect((await operate(stack, "POST", "/api/interconnects/moved-link/resume")).outcome.status).toBe("succeeded");
    const hub = await hubAttachmentId();
    expect(await staticRoutes("ipsecTunnel")).toEqual([{ destination: SPOKE_CIDR, nextHop: hub }]);
    expect(await staticRoutes("virtualCircuit")).toEqual([]);
    expect(await azureLearned("moved-link")).toContain(SPOKE_CIDR);

    expect((await teardown(stack, "moved-link")).outcome.status).toBe("succeeded");
    expect(await staticRoutes("ipsecTunnel")).toEqual([]);
    expect(await staticRoutes("virtualCircuit")).toEqual([]);
  });

  it("when the DRG already routes a declared peered CIDR elsewhere, then preflight refuses, naming the field, and nothing is created", async () => {
    const drg = await oci.getDrg({ drgId: DEMO.drg.id });
    const tableId = drg.drg.defaultDrgRouteTables?.virtualCircuit ?? "";
    await oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [{ destinationType: models.AddDrgRouteRuleDetails.DestinationType.CidrBlock, destination: SPOKE_CIDR, nextHopDrgAttachmentId: attachedSpokeAttachmentId }] } });
    const { outcome } = await setup(stack, withSpoke("clash-link", spokeId, SPOKE_CIDR));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "preflight", error: { code: "PreflightRejected", message: expect.stringContaining(`oci.peeredVcns[0].cidrs: ${SPOKE_CIDR} is already routed by DRG`) } });
    expect(await taggedResources(stack, "clash-link")).toEqual([]);
    expect(await staticRoutes()).toEqual([{ destination: SPOKE_CIDR, nextHop: attachedSpokeAttachmentId }]);
  });
});
