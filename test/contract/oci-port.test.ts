import { classifyCloudError } from "../../shared/clouds/errors";
import { type OciSecurityRule } from "../../shared/domain/security";
import { advance, DEMO, type Harness, MINUTE, startHarness, TAGS } from "./harness";

const ingress: OciSecurityRule = {
  direction: "INGRESS",
  protocol: "6",
  source: "10.10.0.0/16",
  sourceType: "CIDR_BLOCK",
  isStateless: false,
  tcpOptions: { destinationPortRange: { min: 1521, max: 1521 } },
  description: "interlink:contract-link in-tcp-1521",
};

describe("OciNetworkPort against the OCI emulator (real oci-core, signed requests)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("when the VCN exists, then its CIDRs and default tables are read; an unknown OCID is null", async () => {
    expect(await h.clouds.oci.getVcn(DEMO.vcn.id)).toMatchObject({ id: DEMO.vcn.id, compartmentId: DEMO.compartmentId, cidrBlocks: ["10.20.0.0/16"], defaultRouteTableId: expect.stringMatching(/^ocid1\.routetable\./) });
    expect(await h.clouds.oci.getVcn("ocid1.vcn.oc1.iad.nosuchvcn")).toBeNull();
  });

  it("when a DRG is created with a retry token twice, then one DRG exists, found by name and owner tag, and deletes", async () => {
    const first = await h.clouds.oci.createDrg(DEMO.compartmentId, "contract-drg", TAGS, "token-drg-1");
    const again = await h.clouds.oci.createDrg(DEMO.compartmentId, "contract-drg", TAGS, "token-drg-1");
    expect(again.id).toBe(first.id);
    await advance(h, MINUTE);
    expect(await h.clouds.oci.findDrg(DEMO.compartmentId, "contract-drg", "contract-link")).toMatchObject({ id: first.id, lifecycleState: "AVAILABLE" });
    expect(await h.clouds.oci.findDrg(DEMO.compartmentId, "contract-drg", "someone-else")).toBeNull();
    expect(await h.clouds.oci.deleteDrg(first.id)).toEqual({ existed: true });
    await advance(h, MINUTE);
    expect(await h.clouds.oci.getDrg(first.id)).toBeNull();
    expect(await h.clouds.oci.deleteDrg("ocid1.drg.oc1.iad.nosuchdrg")).toEqual({ existed: false });
  });

  it("when the VCN is attached to the DRG, then the attachment is listed by VCN and by DRG, and detaches", async () => {
    const attachment = await h.clouds.oci.createDrgAttachment(DEMO.drg.id, DEMO.vcn.id, "contract-attachment", TAGS, "token-att-1");
    await advance(h, MINUTE);
    expect(await h.clouds.oci.listDrgAttachments(DEMO.compartmentId, { vcnId: DEMO.vcn.id })).toEqual([expect.objectContaining({ id: attachment.id, drgId: DEMO.drg.id, vcnId: DEMO.vcn.id, lifecycleState: "ATTACHED", freeformTags: TAGS })]);
    expect((await h.clouds.oci.listDrgAttachments(DEMO.compartmentId, { drgId: DEMO.drg.id })).map((entry) => entry.id)).toEqual([attachment.id]);
    expect(await h.clouds.oci.deleteDrgAttachment(attachment.id)).toEqual({ existed: true });
    await advance(h, MINUTE);
    expect(await h.clouds.oci.listDrgAttachments(DEMO.compartmentId, { vcnId: DEMO.vcn.id })).toEqual([]);
  });

  it("when route rules are set with the current etag, then they read back; a stale etag is refused with a retryable 412", async () => {
    // A route rule may only target a DRG attached to the VCN.
    const attachment = await h.clouds.oci.createDrgAttachment(DEMO.drg.id, DEMO.vcn.id, "contract-attachment", TAGS, "token-att-2");
    await advance(h, MINUTE);
    const vcn = await h.clouds.oci.getVcn(DEMO.vcn.id);
    const table = await h.clouds.oci.getRouteTable(vcn?.defaultRouteTableId ?? "");
    await h.clouds.oci.setRouteRules(vcn?.defaultRouteTableId ?? "", [{ destination: "10.10.0.0/16", destinationType: "CIDR_BLOCK", networkEntityId: DEMO.drg.id, description: "interlink:contract-link" }], table?.etag ?? "");
    const after = await h.clouds.oci.getRouteTable(vcn?.defaultRouteTableId ?? "");
    expect(after?.rules).toEqual([{ destination: "10.10.0.0/16", destinationType: "CIDR_BLOCK", networkEntityId: DEMO.drg.id, description: "interlink:contract-link" }]);
    const stale = await h.clouds.oci.setRouteRules(vcn?.defaultRouteTableId ?? "", [], table?.etag ?? "").catch((error: unknown) => error);
    expect(classifyCloudError(stale)).toMatchObject({ retryable: true, failure: { cloud: "oci", status: 412, code: "NoEtagMatch" } });
    await h.clouds.oci.setRouteRules(vcn?.defaultRouteTableId ?? "", [], after?.etag ?? "");
    await h.clouds.oci.deleteDrgAttachment(attachment.id);
    await advance(h, MINUTE);
  });

  it("when static DRG routes are added to the virtual-circuit table, then they list with their next hop, and remove by id", async () => {
    const attachment = await h.clouds.oci.createDrgAttachment(DEMO.drg.id, DEMO.vcn.id, "contract-attachment", TAGS, "token-att-3");
    await advance(h, MINUTE);
    const drg = await h.clouds.oci.getDrg(DEMO.drg.id);
    const tableId = drg?.virtualCircuitRouteTableId ?? "";
    expect(tableId).toMatch(/^ocid1\.drgroutetable\./);
    await h.clouds.oci.addStaticDrgRoutes(tableId, [{ destination: "10.30.0.0/16", nextHopDrgAttachmentId: attachment.id }]);
    const routes = await h.clouds.oci.listStaticDrgRoutes(tableId);
    expect(routes).toEqual([{ id: expect.any(String), destination: "10.30.0.0/16", nextHopDrgAttachmentId: attachment.id }]);
    const duplicate = await h.clouds.oci.addStaticDrgRoutes(tableId, [{ destination: "10.30.0.0/16", nextHopDrgAttachmentId: attachment.id }]).catch((error: unknown) => error);
    expect(classifyCloudError(duplicate)).toMatchObject({ retryable: false, failure: { cloud: "oci", status: 400 } });
    await h.clouds.oci.removeDrgRoutes(tableId, routes.map((route) => route.id));
    expect(await h.clouds.oci.listStaticDrgRoutes(tableId)).toEqual([]);
    await h.clouds.oci.deleteDrgAttachment(attachment.id);
    await advance(h, MINUTE);
  });

  it("when the VCN's security lists are read and one is rewritten, then the default SSH and ICMP rules show and the change reads back", async () => {
    const [list] = await h.clouds.oci.listSecurityLists(DEMO.compartmentId, DEMO.vcn.id);
    expect(list?.ingressSecurityRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ protocol: "6", source: "0.0.0.0/0", tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }),
        expect.objectContaining({ protocol: "1", source: "0.0.0.0/0", icmpOptions: { type: 3, code: 4 } }),
      ]),
    );
    const { direction: _direction, ...listRule } = ingress;
    await h.clouds.oci.setSecurityListRules(list?.id ?? "", { ingressSecurityRules: [...(list?.ingressSecurityRules ?? []), listRule], egressSecurityRules: list?.egressSecurityRules ?? [] }, list?.etag ?? "");
    const [updated] = await h.clouds.oci.listSecurityLists(DEMO.compartmentId, DEMO.vcn.id);
    expect(updated?.ingressSecurityRules).toContainEqual(expect.objectContaining({ description: "interlink:contract-link in-tcp-1521" }));
  });

  it("when an NSG gets rules, then they list with ids, remove by id, and the NSG deletes", async () => {
    const nsg = await h.clouds.oci.createNetworkSecurityGroup(DEMO.compartmentId, DEMO.vcn.id, "contract-nsg", TAGS, "token-nsg-1");
    await advance(h, MINUTE);
    expect(await h.clouds.oci.findNetworkSecurityGroup(DEMO.compartmentId, DEMO.vcn.id, "contract-nsg")).toMatchObject({ id: nsg.id, lifecycleState: "AVAILABLE" });
    expect(await h.clouds.oci.getNetworkSecurityGroup(nsg.id)).toMatchObject({ id: nsg.id });
    await h.clouds.oci.addNetworkSecurityGroupRules(nsg.id, [ingress]);
    const rules = await h.clouds.oci.listNetworkSecurityGroupRules(nsg.id);
    expect(rules).toEqual([expect.objectContaining({ ...ingress, id: expect.any(String) })]);
    await h.clouds.oci.removeNetworkSecurityGroupRules(nsg.id, rules.map((entry) => entry.id));
    expect(await h.clouds.oci.listNetworkSecurityGroupRules(nsg.id)).toEqual([]);
    expect(await h.clouds.oci.listNetworkSecurityGroups(DEMO.compartmentId, DEMO.vcn.id)).toEqual([{ id: nsg.id, name: "contract-nsg" }]);
    expect(await h.clouds.oci.deleteNetworkSecurityGroup(nsg.id)).toEqual({ existed: true });
  });

  it("when the FastConnect provider services are listed, then Microsoft Azure is found", async () => {
    expect(await h.clouds.oci.findAzureProviderService(DEMO.compartmentId)).toEqual({ id: expect.stringMatching(/^ocid1\.providerservice\./) });
  });
});
