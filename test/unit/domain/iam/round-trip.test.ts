import fc from "fast-check";
import { generatePolicies, lintPolicies, POLICY_KEYWORDS, policySetToLintRequest, type PolicyScenarioRequestInput } from "../../../../shared/domain/iam";

const GROUP = "ocid1.group.oc1..aaaaaaaarequestorgroup";
const DRG_GROUP = "ocid1.group.oc1..aaaaaaaadrgadmins";
const REQUESTOR_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaarequestorcomp";
const ACCEPTOR_COMPARTMENT = "ocid1.compartment.oc1.iad.aaaaaaaaacceptorcomp";
const REQUESTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaarequestortenancy";
const ACCEPTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaacceptortenancy";

const peering = { requestorGroupOcid: GROUP, requestorCompartmentOcid: REQUESTOR_COMPARTMENT, acceptorCompartmentOcid: ACCEPTOR_COMPARTMENT };
const crossTenancy = { ...peering, requestorTenancyOcid: REQUESTOR_TENANCY, acceptorTenancyOcid: ACCEPTOR_TENANCY };

const REQUESTS: Array<[string, PolicyScenarioRequestInput]> = [
  ["legacy DRG, attached to the tenancy", { scenario: "remote-peering-legacy-drg", ...peering, tenancyOcid: REQUESTOR_TENANCY }],
  ["legacy DRG, attached to the compartments", { scenario: "remote-peering-legacy-drg", ...peering, attachPoliciesTo: "compartment" }],
  ["upgraded DRG", { scenario: "remote-peering-upgraded-drg", ...crossTenancy }],
  ["LPG same tenancy", { scenario: "local-peering", ...peering }],
  ["LPG same tenancy, compartments, no Console inspect", { scenario: "local-peering", ...peering, attachPoliciesTo: "compartment", includeConsoleInspect: false }],
  ["LPG cross-tenancy", { scenario: "local-peering-cross-tenancy", ...crossTenancy }],
  ["LPG cross-tenancy, any-tenancy", { scenario: "local-peering-cross-tenancy", ...crossTenancy, anyTenancy: true }],
  ["DRG attachment", { scenario: "drg-attachment", vcnAdminGroupOcid: GROUP }],
  ["DRG attachment with route tables", { scenario: "drg-attachment", vcnAdminGroupOcid: GROUP, includeRouteTableManagement: true }],
  ["DRG attachment cross-tenancy", { scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: GROUP, drgAdminGroupOcid: DRG_GROUP, requestorTenancyOcid: REQUESTOR_TENANCY, acceptorTenancyOcid: ACCEPTOR_TENANCY }],
  ["interconnect", { scenario: "interconnect" }],
  ["interconnect narrowed to a compartment it is attached to", { scenario: "interconnect", compartmentOcid: REQUESTOR_COMPARTMENT, attachPoliciesTo: "compartment" }],
  ["interconnect, virtual circuits only", { scenario: "interconnect", include: ["virtual-circuit-admins"], groups: { virtualCircuitAdmins: "FastConnectOps" } }],
];

describe("round trip: generated policies lint clean", () => {
  test.each(REQUESTS)("when the %s policies are linted together, then there are no findings", (_name, request) => {
    expect(lintPolicies(policySetToLintRequest(generatePolicies(request))).findings).toEqual([]);
  });

  test("when any valid, distinct aliases are chosen, then every cross-tenancy set still lints clean", () => {
    const keywords = new Set<string>(POLICY_KEYWORDS);
    const alias = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/).filter((value) => !keywords.has(value.toLowerCase()));
    const fiveAliases = fc.uniqueArray(alias, { minLength: 5, maxLength: 5, selector: (value) => value.toLowerCase() });
    fc.assert(
      fc.property(fiveAliases, fc.boolean(), ([a, b, c, d, e], anyTenancy) => {
        const sets = [
          generatePolicies({
            scenario: "remote-peering-upgraded-drg",
            ...crossTenancy,
            aliases: { requestorGroup: a, requestorCompartment: b, acceptorTenancy: c, requestorTenancy: d, acceptorCompartment: e },
          }),
          generatePolicies({
            scenario: "local-peering-cross-tenancy",
            ...crossTenancy,
            anyTenancy,
            aliases: { requestorGroup: a, requestorCompartment: b, acceptorTenancy: c, requestorTenancy: d, acceptorCompartment: e },
          }),
          generatePolicies({
            scenario: "drg-attachment-cross-tenancy",
            vcnAdminGroupOcid: GROUP,
            drgAdminGroupOcid: DRG_GROUP,
            requestorTenancyOcid: REQUESTOR_TENANCY,
            acceptorTenancyOcid: ACCEPTOR_TENANCY,
            aliases: { vcnAdminGroup: a, drgAdminGroup: b, acceptorTenancy: c, requestorTenancy: d },
          }),
        ];
        for (const set of sets) expect(lintPolicies(policySetToLintRequest(set)).findings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  test("when the acceptor's policy is linted with the wrong tenancy OCID, then the pairing check notices", () => {
    const request = policySetToLintRequest(generatePolicies({ scenario: "remote-peering-upgraded-drg", ...crossTenancy }));
    const acceptor = request.policies[1];
    if (acceptor === undefined) throw new Error("expected two policies");
    acceptor.tenancyOcid = "ocid1.tenancy.oc1..aaaaaaaasomeoneelse";
    expect(lintPolicies(request).findings.map((finding) => finding.code)).toEqual(["endorse-without-admit", "admit-without-endorse"]);
  });
});
