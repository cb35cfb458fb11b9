import { auditAzureNsg, auditOciSecurity, diffAzureRules, diffOciRules, hasDrift, type OciSecurityListView, planSecurityRules } from "../../../../shared/domain/security";
import { TrafficRule } from "../../../../shared/domain/traffic";

const traffic = [TrafficRule.parse({ from: "azure", to: "oci", protocol: "tcp", ports: "1521" })];
const defaultList: OciSecurityListView = {
  id: "ocid1.securitylist.oc1.iad.default",
  name: "Default Security List",
  isDefault: true,
  ingressSecurityRules: [
    { protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } },
    { protocol: "1", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false, icmpOptions: { type: 3, code: 4 } },
    { protocol: "1", source: "10.20.0.0/16", sourceType: "CIDR_BLOCK", isStateless: false, icmpOptions: { type: 3 } },
  ],
  egressSecurityRules: [{ protocol: "all", destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", isStateless: false }],
};
const audit = (lists: OciSecurityListView[]) => auditOciSecurity({ securityLists: lists, vnetCidrs: ["10.10.0.0/16"], traffic, ownerMarker: "interlink:erp-db-link" });

describe("OCI exposure audit", () => {
  it("when the VCN uses the default security list, then its SSH and ICMP 3/4 rules are reported as the seed says", () => {
    const findings = audit([defaultList]);
    expect(findings.map((finding) => finding.code)).toEqual(["default-ssh-open", "default-icmp-3-4", "egress-beyond-declared"]);
    expect(findings[0]).toMatchObject({ severity: "high", resourceName: "Default Security List", message: expect.stringContaining("thus from the VNet") });
  });

  it("when a rule allows all protocols from 0.0.0.0/0, then it is a high finding; a rule within the declared traffic is not", () => {
    const list: OciSecurityListView = {
      ...defaultList,
      ingressSecurityRules: [
        { protocol: "all", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false },
        { protocol: "6", source: "10.10.0.0/16", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 1521, max: 1521 } } },
        { protocol: "6", source: "10.10.4.0/24", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 1500, max: 1600 } } },
        { protocol: "6", source: "192.168.0.0/16", sourceType: "CIDR_BLOCK", isStateless: false },
      ],
      egressSecurityRules: [],
    };
    const findings = audit([list]);
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ["all-protocols-from-vnet", "high"],
      ["port-range-beyond-declared", "medium"],
    ]);
  });

  it("when Interlink's own marked rules are present, then they are not findings", () => {
    const owned = planSecurityRules({ name: "erp-db-link", vnetCidrs: ["10.10.0.0/16"], vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [], traffic: [TrafficRule.parse({ from: "azure", to: "oci", protocol: "all" })] }).oci;
    expect(auditOciSecurity({ securityLists: [], nsgs: [{ id: "nsg", name: "nsg", rules: owned }], vnetCidrs: ["10.10.0.0/16"], traffic, ownerMarker: "interlink:erp-db-link" })).toEqual([]);
  });
});

describe("Azure NSG exposure audit", () => {
  const plan = planSecurityRules({ name: "erp-db-link", vnetCidrs: ["10.10.0.0/16"], vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [], traffic });
  const base = { vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [], traffic, rulePrefix: "interlink-erp-db-link-" };
  const allowAny = { name: "allow-any-ssh", priority: 200, direction: "Inbound" as const, access: "Allow" as const, protocol: "Tcp" as const, sourceAddressPrefixes: ["*"], destinationAddressPrefixes: ["*"], sourcePortRange: "*", destinationPortRange: "22" };

  it("when no rule denies the VCN, then Azure's default AllowVnetInBound is reported", () => {
    const findings = auditAzureNsg({ ...base, nsg: { id: "nsg", name: "app-nsg", rules: [] } });
    expect(findings.map((finding) => finding.code)).toEqual(["default-allow-vnet-inbound"]);
  });

  it("when an allow rule from anywhere sits before Interlink's deny, then it exposes the VNet; behind the deny it does not", () => {
    const before = auditAzureNsg({ ...base, nsg: { id: "nsg", name: "app-nsg", rules: [...plan.azure, allowAny] } });
    expect(before.map((finding) => finding.code)).toEqual(["nsg-allows-undeclared-from-vcn"]);
    const after = auditAzureNsg({ ...base, nsg: { id: "nsg", name: "app-nsg", rules: [...plan.azure, { ...allowAny, priority: 4096 }] } });
    expect(after).toEqual([]);
  });
});

describe("drift of Interlink's rules", () => {
  const plan = planSecurityRules({ name: "erp-db-link", vnetCidrs: ["10.10.0.0/16"], vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [], traffic });

  it("when the clouds hold exactly the plan, then there is no drift (address order does not matter)", () => {
    const reordered = plan.azure.map((rule) => ({ ...rule, sourceAddressPrefixes: [...rule.sourceAddressPrefixes].reverse() }));
    expect(hasDrift(diffAzureRules(plan.azure, reordered, "interlink-erp-db-link-"))).toBe(false);
    expect(hasDrift(diffOciRules(plan.oci, plan.oci, "interlink:erp-db-link"))).toBe(false);
  });

  it("when rules are removed, changed or added out of band, then each is reported; foreign rules are ignored", () => {
    const [first, ...rest] = plan.azure;
    const changed = rest.map((rule, index) => (index === 0 ? { ...rule, priority: 3000 } : rule));
    const extra = { ...rest[0]!, name: "interlink-erp-db-link-out-all", priority: 200 };
    const foreign = { ...rest[0]!, name: "someone-elses-rule" };
    const drift = diffAzureRules(plan.azure, [...changed, extra, foreign], "interlink-erp-db-link-");
    expect(drift.missing.map((rule) => rule.name)).toEqual([first?.name]);
    expect(drift.changed).toEqual([expect.objectContaining({ fields: ["priority"] })]);
    expect(drift.unexpected.map((rule) => rule.name)).toEqual(["interlink-erp-db-link-out-all"]);
    const ociDrift = diffOciRules(plan.oci, [{ ...plan.oci[0]!, isStateless: true }], "interlink:erp-db-link");
    expect(ociDrift.changed[0]?.fields).toEqual(["isStateless"]);
  });
});
