import { type AzureSecurityRule } from "../../../shared/domain/security";
import { NETWORKS, networkActivities, run } from "../../support/activities";

const SPOKE_RG = "rg-spokes";
const foreignRule: AzureSecurityRule = { name: "allow-web", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefixes: ["*"], destinationAddressPrefixes: ["*"], sourcePortRange: "*", destinationPortRange: "443" };

/** The example's networks and a spoke with two subnets; the OCI subnets and VNICs the rules bind to are given per test. */
const bound = () => networkActivities((request) => (request.azure.spokes = [{ resourceGroup: SPOKE_RG, vnet: { name: "vnet-web", addressSpaces: ["10.11.0.0/16"] }, subnets: ["web", "db"] }]));

describe("security activities: binding the rules (fake cloud ports)", () => {
  it("when preflight's view of the networks is handed on, then the rules are applied and bound without reading the VNet, the VCN or the subnets again", async () => {
    const { activities, azure, oci, target } = networkActivities();
    const vcn = oci.vcns.get(NETWORKS.vcnId);
    const subnet = oci.addSubnet(NETWORKS.vcnId);
    const input = { ...target, oci: { ...target.oci, subnetIds: [subnet.id] }, traffic: [{ from: "azure" as const, to: "oci" as const, protocol: "tcp" as const, ports: "1521" }], vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr] };
    const seen = {
      vnetLocation: "eastus",
      seenVcn: { compartmentId: vcn?.compartmentId ?? "", defaultRouteTableId: vcn?.defaultRouteTableId ?? "" },
      seenSubnets: [{ id: subnet.id, name: subnet.name, securityListId: vcn?.defaultSecurityListId ?? "" }],
    };
    azure.calls.length = 0;
    oci.calls.length = 0;
    const applied = await run(activities.ApplySecurityRulesActivity, { ...input, ...seen });
    expect(applied.kind === "ok" && applied.bound).toEqual([`security list Default Security List (subnet ${subnet.name})`]);
    expect(azure.calls).not.toContain("getVirtualNetwork");
    expect(oci.calls.filter((call) => call === "getVcn" || call === "getSubnet")).toEqual([]);
    expect(oci.securityLists.get(vcn?.defaultSecurityListId ?? "")?.ingressSecurityRules.map((rule) => rule.source)).toEqual([NETWORKS.vnetCidr]);
    // Without it (an update, a resumed history) the activity reads them, with the same result.
    oci.calls.length = 0;
    expect(await run(activities.ApplySecurityRulesActivity, input)).toEqual(applied);
    expect(oci.calls.filter((call) => call === "getVcn" || call === "getSubnet")).toEqual(["getVcn", "getSubnet"]);
  });

  it("when the rules are applied twice and removed, then the subnet's first list, the VNIC's NSGs and the spoke subnets' NSGs get Interlink's and lose exactly those", async () => {
    const { activities, azure, oci, target } = bound();
    const vcn = oci.vcns.get(NETWORKS.vcnId);
    const subnet = oci.addSubnet(NETWORKS.vcnId);
    const vnic = oci.addVnic(subnet.id, ["ocid1.networksecuritygroup.oc1.iad.theirs"]);
    const webNsg = `/subscriptions/${NETWORKS.subscriptionId}/resourceGroups/${SPOKE_RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-web`;
    azure.nsgs.set(`${SPOKE_RG}/nsg-web`, { id: webNsg, rules: [foreignRule], tags: {} });
    azure.addVnet(SPOKE_RG, "vnet-web", { location: "eastus2", addressSpaces: ["10.11.0.0/16"], subnets: [{ name: "web", addressPrefix: "10.11.1.0/24", networkSecurityGroupId: webNsg }, { name: "db", addressPrefix: "10.11.2.0/24" }] });
    const input = { ...target, oci: { ...target.oci, subnetIds: [subnet.id], vnicIds: [vnic.id] }, traffic: [{ from: "azure" as const, to: "oci" as const, protocol: "tcp" as const, ports: "1521" }], vnetCidrs: [NETWORKS.vnetCidr, "10.11.0.0/16"], vcnCidrs: [NETWORKS.vcnCidr] };

    const first = await run(activities.ApplySecurityRulesActivity, input);
    const again = await run(activities.ApplySecurityRulesActivity, input);
    expect(first.kind === "ok" && first.bound).toEqual(["subnet vnet-web/web (NSG nsg-web)", "subnet vnet-web/db (NSG erp-db-link-vnet-web-nsg)", `security list Default Security List (subnet ${subnet.name})`, `VNIC ${vnic.id}`]);
    expect(again).toEqual(first);
    const list = oci.securityLists.get(vcn?.defaultSecurityListId ?? "");
    expect(list?.ingressSecurityRules.map((rule) => rule.source)).toEqual([NETWORKS.vnetCidr, "10.11.0.0/16"]);
    const nsgId = first.kind === "ok" ? first.ociNetworkSecurityGroupId : "";
    expect(oci.vnics.get(vnic.id)?.nsgIds).toEqual(["ocid1.networksecuritygroup.oc1.iad.theirs", nsgId]);
    // The spoke subnet with an NSG keeps it and gains Interlink's rules beside the owner's, at free priorities; the other gets Interlink's NSG.
    const web = azure.nsgs.get(`${SPOKE_RG}/nsg-web`)?.rules ?? [];
    expect(web.filter((rule) => rule.name.startsWith("interlink-erp-db-link-")).every((rule) => rule.priority !== 100 || rule.direction !== "Inbound")).toBe(true);
    expect(web.some((rule) => rule.name.startsWith("interlink-erp-db-link-"))).toBe(true);
    const db = azure.vnets.get(`${SPOKE_RG}/vnet-web`)?.subnets.find((candidate) => candidate.name === "db");
    expect(db?.networkSecurityGroupId).toMatch(/\/erp-db-link-vnet-web-nsg$/);

    const removed = await run(activities.RemoveSecurityRulesActivity, { ...target, oci: input.oci });
    expect(removed.kind).toBe("ok");
    expect(list?.ingressSecurityRules).toEqual([]);
    expect(oci.vnics.get(vnic.id)?.nsgIds).toEqual(["ocid1.networksecuritygroup.oc1.iad.theirs"]);
    expect(azure.nsgs.get(`${SPOKE_RG}/nsg-web`)?.rules).toEqual([foreignRule]);
    expect(azure.nsgs.has(`${SPOKE_RG}/erp-db-link-vnet-web-nsg`)).toBe(false);
    expect(azure.vnets.get(`${SPOKE_RG}/vnet-web`)?.subnets.find((candidate) => candidate.name === "db")?.networkSecurityGroupId).toBeUndefined();
  });

  it("when a named subnet is in another VCN or a VNIC is gone, then the apply refuses naming it; a VNIC at OCI's limit of 5 NSGs is refused by the cloud", async () => {
    const { activities, oci, target } = bound();
    oci.addVcn({ id: "ocid1.vcn.oc1.iad.other", compartmentId: NETWORKS.compartmentId, cidrBlocks: ["10.30.0.0/16"] });
    const elsewhere = oci.addSubnet("ocid1.vcn.oc1.iad.other");
    const input = { ...target, traffic: [{ from: "azure" as const, to: "oci" as const, protocol: "tcp" as const, ports: "1521" }], vnetCidrs: [NETWORKS.vnetCidr], vcnCidrs: [NETWORKS.vcnCidr], azure: { ...target.azure, spokes: [] } };
    expect(await run(activities.ApplySecurityRulesActivity, { ...input, oci: { ...input.oci, subnetIds: [elsewhere.id], vnicIds: [] } })).toEqual({ kind: "failed", error: { cloud: "interlink", code: "SubnetNotInVcn", message: expect.stringContaining(elsewhere.id) } });
    expect(await run(activities.ApplySecurityRulesActivity, { ...input, oci: { ...input.oci, subnetIds: [], vnicIds: ["ocid1.vnic.oc1.iad.gone"] } })).toEqual({ kind: "failed", error: { cloud: "interlink", code: "VnicNotFound", message: expect.stringContaining("oci.vnicIds") } });
    const full = oci.addVnic(oci.addSubnet(NETWORKS.vcnId).id, ["a", "b", "c", "d", "e"].map((letter) => `ocid1.networksecuritygroup.oc1.iad.${letter}`));
    expect(await run(activities.ApplySecurityRulesActivity, { ...input, oci: { ...input.oci, subnetIds: [], vnicIds: [full.id] } })).toMatchObject({ kind: "failed", error: { cloud: "oci", code: "InvalidParameter" } });
  });
});
