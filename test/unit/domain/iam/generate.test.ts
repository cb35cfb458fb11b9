import { generatePolicies, PolicySet } from "../../../../shared/domain/iam";

const GROUP = "ocid1.group.oc1..aaaaaaaagroup";
const DRG_GROUP = "ocid1.group.oc1..aaaaaaaadrggroup";
const REQUESTOR_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaareqcomp";
const ACCEPTOR_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaacccomp";
const REQUESTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaareqtenancy";
const ACCEPTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaacctenancy";

const peering = { requestorGroupOcid: GROUP, requestorCompartmentOcid: REQUESTOR_COMPARTMENT, acceptorCompartmentOcid: ACCEPTOR_COMPARTMENT };
const crossTenancy = { ...peering, requestorTenancyOcid: REQUESTOR_TENANCY, acceptorTenancyOcid: ACCEPTOR_TENANCY };

describe("generatePolicies", () => {
  test("when the policies are cross-tenancy, then each must be attached to its own tenancy, with the reason", () => {
    const sets = [
      generatePolicies({ scenario: "remote-peering-upgraded-drg", ...crossTenancy }),
      generatePolicies({ scenario: "local-peering-cross-tenancy", ...crossTenancy }),
      generatePolicies({ scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: GROUP, drgAdminGroupOcid: DRG_GROUP, requestorTenancyOcid: REQUESTOR_TENANCY, acceptorTenancyOcid: ACCEPTOR_TENANCY }),
    ];
    for (const set of sets) {
      expect(set.policies.map((policy) => [policy.side, policy.tenancy, policy.attachTo.kind, policy.attachTo.ocid])).toEqual([
        ["requestor", "requestor", "tenancy", REQUESTOR_TENANCY],
        ["acceptor", "acceptor", "tenancy", ACCEPTOR_TENANCY],
      ]);
      for (const policy of set.policies) expect(policy.attachTo.reason).toMatch(/^Must be attached to the tenancy \(root compartment\), not a compartment/);
    }
  });

  test("when same-tenancy peering policies use the default, then they go to the tenancy and say the compartment was possible", () => {
    const set = generatePolicies({ scenario: "local-peering", ...peering, tenancyOcid: REQUESTOR_TENANCY });
    expect(set.policies.map((policy) => [policy.tenancy, policy.attachTo.kind, policy.attachTo.ocid])).toEqual([
      ["same", "tenancy", REQUESTOR_TENANCY],
      ["same", "tenancy", REQUESTOR_TENANCY],
    ]);
    expect(set.policies[0]?.attachTo.reason).toContain("Oracle also allows compartment requestorComp");
  });

  test("when same-tenancy peering policies are attached to compartments, then each goes to the compartment it grants access in", () => {
    const set = generatePolicies({ scenario: "remote-peering-legacy-drg", ...peering, attachPoliciesTo: "compartment" });
    expect(set.policies.map((policy) => [policy.attachTo.kind, policy.attachTo.ocid])).toEqual([
      ["compartment", REQUESTOR_COMPARTMENT],
      ["compartment", ACCEPTOR_COMPARTMENT],
    ]);
    expect(set.policies[1]?.attachTo.reason).toContain("compartment AcceptorComp");
  });

  test("when statements grant access 'in tenancy', then the policy is attached to the tenancy because nothing else can hold it", () => {
    for (const set of [generatePolicies({ scenario: "drg-attachment", vcnAdminGroupOcid: GROUP }), generatePolicies({ scenario: "interconnect" })]) {
      for (const policy of set.policies) {
        expect(policy.attachTo.kind).toBe("tenancy");
        expect(policy.attachTo.reason).toContain("'in tenancy'");
      }
    }
  });

  test("when remote peering is generated, then the notes carry the region subscription and, for the legacy DRG, the NetworkAdmin tip", () => {
    const legacy = generatePolicies({ scenario: "remote-peering-legacy-drg", ...peering });
    expect(legacy.notes.join("\n")).toMatch(/subscribed to the other region/);
    expect(legacy.notes.join("\n")).toMatch(/manage virtual-network-family in compartment RequestorComp.*Policy A is not required/s);
    const upgraded = generatePolicies({ scenario: "remote-peering-upgraded-drg", ...crossTenancy });
    expect(upgraded.notes.join("\n")).toMatch(/subscribed to the other region/);
  });

  test("when a cross-tenancy set is generated, then the notes say which OCIDs each administrator must be told", () => {
    const notes = generatePolicies({ scenario: "local-peering-cross-tenancy", ...crossTenancy }).notes.join("\n");
    expect(notes).toContain(`the acceptor's administrator needs the requestor tenancy OCID (${REQUESTOR_TENANCY}) and the requestor group OCID (${GROUP})`);
    expect(notes).toContain(`the requestor's administrator needs the acceptor tenancy OCID (${ACCEPTOR_TENANCY})`);
  });

  test("when LPG peering in one tenancy is generated, then a note explains the Console-only inspect statements, and they can be left out", () => {
    const withInspect = generatePolicies({ scenario: "local-peering", ...peering });
    expect(withInspect.notes[0]).toContain("only let the requestor list the VCNs and LPGs in acceptorComp");
    const without = generatePolicies({ scenario: "local-peering", ...peering, includeConsoleInspect: false });
    expect(without.policies[1]?.statements.some((statement) => statement.includes("inspect"))).toBe(false);
    expect(without.notes[0]).toContain("must give the LPG OCID instead");
  });

  test("when any-tenancy is asked for, then Policy R defines no acceptor tenancy and endorses any-tenancy", () => {
    const set = generatePolicies({ scenario: "local-peering-cross-tenancy", ...crossTenancy, anyTenancy: true });
    const statements = set.policies[0]?.statements ?? [];
    expect(statements.some((statement) => statement.startsWith("Define tenancy"))).toBe(false);
    expect(statements.filter((statement) => statement.endsWith("in any-tenancy"))).toHaveLength(2);
    expect(set.notes.join("\n")).toContain("acceptorTenancyOcid was not used");
  });

  test("when aliases and group names are chosen, then they replace the seed's labels everywhere", () => {
    const set = generatePolicies({
      scenario: "remote-peering-upgraded-drg",
      ...crossTenancy,
      aliases: { requestorGroup: "NetOps", requestorCompartment: "Net", acceptorTenancy: "Partner", requestorTenancy: "Us", acceptorCompartment: "PartnerNet" },
    });
    expect(set.policies[0]?.statements).toContain("Endorse group NetOps to manage remote-peering-to in tenancy Partner");
    expect(set.policies[1]?.statements).toContain("Admit group NetOps of tenancy Us to manage remote-peering-to in compartment PartnerNet");
    const interconnect = generatePolicies({ scenario: "interconnect", groups: { networkAdmins: "NetAdm" }, include: ["network-admins"], compartmentOcid: REQUESTOR_COMPARTMENT });
    expect(interconnect.policies.map((policy) => policy.statements)).toEqual([[`Allow group NetAdm to manage virtual-network-family in compartment id ${REQUESTOR_COMPARTMENT}`]]);
  });

  test("when the same request is generated twice, then the output is identical and matches the PolicySet schema", () => {
    const request = { scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: GROUP, drgAdminGroupOcid: DRG_GROUP, requestorTenancyOcid: REQUESTOR_TENANCY, acceptorTenancyOcid: ACCEPTOR_TENANCY } as const;
    const first = generatePolicies(request);
    expect(JSON.stringify(generatePolicies(request))).toBe(JSON.stringify(first));
    expect(PolicySet.parse(first)).toEqual(first);
  });
});
