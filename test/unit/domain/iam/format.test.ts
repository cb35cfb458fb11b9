import { formatFindingsText, formatPolicySetText, generatePolicies, lintPolicies, tryLintPolicies } from "../../../../shared/domain/iam";

describe("text formatting for the CLI", () => {
  test("when a policy set is formatted, then each policy shows where to attach it, its statements in order, and the notes", () => {
    const text = formatPolicySetText(generatePolicies({ scenario: "drg-attachment", vcnAdminGroupOcid: "ocid1.group.oc1..aaaaaaaavcnadmins", tenancyOcid: "ocid1.tenancy.oc1..aaaaaaaat" }));
    expect(text).toBe(
      [
        "Scenario: drg-attachment",
        "",
        "== VCN administrators: create and manage VCN attachments and assign DRG route tables ==",
        "Policy name: drg-attachment-vcn-admins",
        "Tenancy: same",
        "Attach to: the tenancy (root compartment) ocid1.tenancy.oc1..aaaaaaaat",
        "  Attached to the tenancy (root compartment): the statements grant access 'in tenancy', which only a policy in the root compartment can do.",
        "Statements:",
        "  define group VcnAdmin as ocid1.group.oc1..aaaaaaaavcnadmins",
        "  Allow group VcnAdmin to manage vcns in tenancy",
        "  Allow group VcnAdmin to manage drgs in tenancy",
        "",
        "Notes:",
        "  - To associate a VCN route table with the attachment, VcnAdmin also needs 'manage route-tables in tenancy' (set includeRouteTableManagement).",
        "",
      ].join("\n"),
    );
  });

  test("when findings are formatted, then each names policy, statement, severity and code, with a count line", () => {
    const report = lintPolicies({ policies: [{ name: "net", attachedTo: { kind: "compartment" }, statements: ["Allow group G to frob vcns in tenancy"] }] });
    expect(formatFindingsText(report.findings)).toBe(
      [
        "policy 0 (net), statement 0: error unknown-verb: verb 'frob' is not one of inspect, read, use, manage, associate",
        "policy 0 (net), statement 0: warning tenancy-scope-below-root: grants access 'in tenancy' from a policy attached to a compartment; a compartment's policy only reaches that compartment and the ones below it, so attach this policy to the tenancy",
        "1 error, 1 warning",
        "",
      ].join("\n"),
    );
    expect(formatFindingsText([])).toBe("No findings.\n");
  });

  test("when tryLintPolicies gets an invalid request, then it returns field errors", () => {
    expect(tryLintPolicies({ policies: [{ attachedTo: { kind: "root" }, statements: [] }] })).toEqual({
      ok: false,
      errors: [
        { path: "policies[0].attachedTo.kind", message: expect.stringContaining("tenancy") },
        { path: "policies[0].statements", message: "must list at least one statement" },
      ],
    });
  });
});
