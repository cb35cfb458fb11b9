import { AdminApiError } from "../src/cloud/admin-client";
import { COMPARTMENT, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";

describe("admin clone (many interconnects for a benchmark in one request)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("when an interconnect's resources are cloned, then each copy carries its name and its own OCIDs, and shared resources are not copied", async () => {
    const rules = [{ name: "tpl-link-allow", priority: 200, direction: "Inbound" as const, access: "Allow" as const, protocol: "Tcp" as const, sourcePortRange: "*", destinationPortRange: "443", sourceAddressPrefix: "10.20.0.0/16", destinationAddressPrefix: "10.10.0.0/16" }];
    await finish(h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "tpl-link-nsg", { location: "eastus", tags: { interlink: "tpl-link" }, securityRules: rules }), h, MINUTE);
    const vcn = await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"], displayName: "vcn-shared" } });
    await h.emulators.admin.advanceClock(MINUTE);
    const nsg = await h.oci.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: COMPARTMENT, vcnId: vcn.vcn.id, displayName: "tpl-link-onsg", freeformTags: { interlink: "tpl-link" } } });
    await h.emulators.admin.advanceClock(MINUTE);

    const { copies } = await h.emulators.admin.cloneResources("tpl-link", ["copy-a", "copy-b"]);

    const copied = await h.azure.networkSecurityGroups.get(RG, "copy-b-nsg");
    expect([copied.tags, copied.securityRules?.map((rule) => [rule.name, rule.destinationPortRange])]).toEqual([{ interlink: "copy-b" }, [["copy-b-allow", "443"]]]);
    const groups = (await h.oci.listNetworkSecurityGroups({ compartmentId: COMPARTMENT, vcnId: vcn.vcn.id })).items;
    expect(groups.map((group) => [group.displayName, group.id]).sort()).toEqual(
      [
        ["copy-a-onsg", copies["copy-a"]?.[nsg.networkSecurityGroup.id]],
        ["copy-b-onsg", copies["copy-b"]?.[nsg.networkSecurityGroup.id]],
        ["tpl-link-onsg", nsg.networkSecurityGroup.id],
      ].sort(),
    );
    expect(new Set(groups.map((group) => group.id)).size).toBe(3);
    expect((await h.oci.listVcns({ compartmentId: COMPARTMENT })).items).toHaveLength(1);
  });

  it("when nothing carries the template, then the request is refused naming it and nothing changes", async () => {
    await expect(h.emulators.admin.cloneResources("no-such-link", ["copy-c"])).rejects.toEqual(new AdminApiError(400, "no resource carries no-such-link"));
  });
});
