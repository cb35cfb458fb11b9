import { generatePolicies, type LintFinding, lintPolicies, type LintPolicy, policySetToLintRequest, splitPolicyText } from "../../../../shared/domain/iam";

const GROUP = "ocid1.group.oc1..aaaaaaaagroup";
const OTHER_GROUP = "ocid1.group.oc1..aaaaaaaaothergroup";
const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacomp";
const REQUESTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaarequestor";
const ACCEPTOR_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaacceptor";

function lintOne(statements: string[], attachedTo: "tenancy" | "compartment" = "tenancy"): LintFinding[] {
  return lintPolicies({ policies: [{ attachedTo: { kind: attachedTo }, statements }] }).findings;
}

/** `index:code:severity` for each finding, to compare whole result sets. */
function summary(findings: readonly LintFinding[]): string[] {
  return findings.map((finding) => `${finding.policy}/${finding.statementIndex}:${finding.code}:${finding.severity}`);
}

function codes(findings: readonly LintFinding[]): string[] {
  return findings.map((finding) => finding.code);
}

const requestorPolicy = (endorse: string): LintPolicy => ({
  name: "R",
  tenancy: "requestor",
  attachedTo: { kind: "tenancy" },
  statements: [`Define group G as ${GROUP}`, `Define tenancy Acceptor as ${ACCEPTOR_TENANCY}`, endorse],
});
const acceptorPolicy = (admit: string, group = GROUP): LintPolicy => ({
  name: "A",
  tenancy: "acceptor",
  attachedTo: { kind: "tenancy" },
  statements: [`Define group G as ${group}`, `Define tenancy Requestor as ${REQUESTOR_TENANCY}`, `Define compartment C as id ${COMPARTMENT}`, admit],
});

describe("lintPolicies", () => {
  describe("unparseable-statement", () => {
    test("when a statement cannot be read, then it is an error with the parser's reason", () => {
      const findings = lintOne(["Allow group X to manage vcns at tenancy"]);
      expect(summary(findings)).toEqual(["0/0:unparseable-statement:error"]);
      expect(findings[0]?.message).toContain("expected 'in'");
    });

    test("when the 'with' half of an associate statement is a separate entry, then the message says to keep it whole", () => {
      const findings = lintOne([`Define tenancy T as ${ACCEPTOR_TENANCY}`, "Endorse group G to associate local-peering-gateways in tenancy T", "with local-peering-gateways in tenancy T"]);
      const unparseable = findings.filter((finding) => finding.code === "unparseable-statement");
      expect(summary(unparseable)).toEqual(["0/1:unparseable-statement:error", "0/2:unparseable-statement:error"]);
      expect(unparseable[0]?.message).toContain("without 'with");
      expect(unparseable[1]?.message).toContain("keep a whole statement in one entry");
    });

    test("when keywords are upper case and the statement spans lines, then it is not reported", () => {
      expect(lintOne(["ALLOW GROUP NetworkAdmins TO MANAGE\n  VIRTUAL-NETWORK-FAMILY IN TENANCY"])).toEqual([]);
    });
  });

  describe("unfilled-placeholder", () => {
    test("when the seed's Policy A is pasted as printed, then each <placeholder> is an error", () => {
      const seedPolicyA = splitPolicyText(`Define group requestorGroup as <requestor-group-ocid>
Define tenancy Requestor as <requestorTenancyOcid>
Define compartment acceptorCompartment as id <acceptorCompartmentOcid>

Admit group requestorGroup of tenancy Requestor to manage remote-peering-to in compartment <acceptorCompartment>`);
      const findings = lintPolicies({ policies: [{ tenancy: "acceptor", attachedTo: { kind: "tenancy" }, statements: seedPolicyA }] }).findings;
      expect(summary(findings.filter((finding) => finding.code === "unfilled-placeholder"))).toEqual([
        "0/0:unfilled-placeholder:error",
        "0/1:unfilled-placeholder:error",
        "0/2:unfilled-placeholder:error",
        "0/3:unfilled-placeholder:error",
      ]);
      // `<acceptorCompartment>` is not the alias, so the alias defined for it goes unused.
      expect(summary(findings.filter((finding) => finding.code === "alias-unused"))).toEqual(["0/2:alias-unused:warning"]);
      expect(codes(findings)).not.toContain("malformed-ocid");
    });

    test("when the placeholders are filled in, then none is reported", () => {
      expect(codes(lintOne([`Define group G as ${GROUP}`, "Allow group G to manage vcns in tenancy"]))).not.toContain("unfilled-placeholder");
    });
  });

  describe("define-not-first", () => {
    test("when a Define follows another statement, then the Define is an error naming the first other statement", () => {
      const findings = lintOne([`Define group G as ${GROUP}`, "Allow group G to manage vcns in tenancy", `Define compartment C as ${COMPARTMENT}`, "Allow group G to manage drgs in compartment C"]);
      expect(summary(findings)).toEqual(["0/2:define-not-first:error"]);
      expect(findings[0]?.message).toContain("statement 1");
    });

    test("when all Defines come first, then nothing is reported", () => {
      expect(lintOne([`define group G as ${GROUP}`, `Define compartment C as ${COMPARTMENT}`, "Allow group G to manage drgs in compartment C"])).toEqual([]);
    });
  });

  describe("alias-undefined", () => {
    test("when an Admit names a group or tenancy that is not defined, then each is an error", () => {
      const findings = lintOne([`Define compartment C as ${COMPARTMENT}`, "Admit group G of tenancy Requestor to manage local-peering-to in compartment C"]);
      expect(summary(findings.filter((finding) => finding.code === "alias-undefined"))).toEqual(["0/1:alias-undefined:error", "0/1:alias-undefined:error"]);
      expect(findings.map((finding) => finding.message).join(" ")).toMatch(/group 'G'.*tenancy 'Requestor'/);
    });

    test("when an Endorse reaches into a tenancy alias that is not defined, then it is an error", () => {
      const findings = lintOne([`Define group G as ${GROUP}`, "Endorse group G to manage remote-peering-to in tenancy Acceptor"]);
      expect(summary(findings.filter((finding) => finding.code === "alias-undefined"))).toEqual(["0/1:alias-undefined:error"]);
    });

    test("when an alias is used before its Define, then the use is an error as well as the late Define", () => {
      const findings = lintOne(["Allow group G to manage vcns in tenancy", `Define group G as ${GROUP}`]);
      expect(summary(findings)).toEqual(["0/0:alias-undefined:error", "0/1:define-not-first:error"]);
    });

    test("when the seed's route-table line names group VCN-Admin next to Define group VcnAdmin, then it is flagged as a likely typo", () => {
      const findings = lintOne([
        `define group VcnAdmin as ${GROUP}`,
        "Allow group VcnAdmin to manage vcns in tenancy",
        "Allow group VcnAdmin to manage drgs in tenancy",
        "Allow group VCN-Admin to manage route-tables in tenancy",
      ]);
      expect(summary(findings)).toEqual(["0/3:alias-undefined:warning"]);
      expect(findings[0]?.message).toContain("VcnAdmin");
    });

    test("when an Endorse names a group that is not defined, then it is a warning (a plain group name is valid but the other side cannot match its OCID)", () => {
      const findings = lintOne([`Define tenancy Acceptor as ${ACCEPTOR_TENANCY}`, "Endorse group NetworkAdmins to manage remote-peering-to in tenancy Acceptor"]);
      expect(summary(findings.filter((finding) => finding.code === "alias-undefined"))).toEqual(["0/1:alias-undefined:warning"]);
    });

    test("when an Allow names groups and compartments by name in a policy without Defines, then nothing is reported", () => {
      expect(lintOne(["Allow group NetworkAdmins to manage virtual-network-family in compartment Networks:Prod"])).toEqual([]);
    });

    test("when a compartment name is not among the policy's compartment aliases, then it is a warning", () => {
      const findings = lintOne([`Define group G as ${GROUP}`, `Define compartment acceptorComp as ${COMPARTMENT}`, "Allow group G to manage local-peering-to in compartment acceptorComp", "Allow group G to inspect vcns in compartment acceptorCmp"]);
      expect(summary(findings)).toEqual(["0/3:alias-undefined:warning"]);
    });
  });

  describe("alias-redefined and alias-unused", () => {
    test("when an alias is defined twice with different OCIDs, then the second is an error; with the same OCID, a warning", () => {
      const different = lintOne([`Define group G as ${GROUP}`, `Define group G as ${OTHER_GROUP}`, "Allow group G to manage vcns in tenancy"]);
      expect(summary(different)).toEqual(["0/1:alias-redefined:error"]);
      const same = lintOne([`Define group G as ${GROUP}`, `define group g as ${GROUP}`, "Allow group G to manage vcns in tenancy"]);
      expect(summary(same)).toEqual(["0/1:alias-redefined:warning"]);
    });

    test("when the same label names a group and a compartment, then that is not a redefinition", () => {
      expect(lintOne([`Define group Net as ${GROUP}`, `Define compartment Net as ${COMPARTMENT}`, "Allow group Net to manage vcns in compartment Net"])).toEqual([]);
    });

    test("when a Define is never used, then it is a warning on the Define", () => {
      expect(summary(lintOne([`Define group G as ${GROUP}`, `Define compartment C as ${COMPARTMENT}`, "Allow group G to manage vcns in tenancy"]))).toEqual(["0/1:alias-unused:warning"]);
    });
  });

  describe("malformed-ocid", () => {
    test.each([
      [`Define group G as not-an-ocid`, "is not an OCID"],
      [`Define group G as ${COMPARTMENT}`, "OCID of a group, not of a compartment"],
      [`Define tenancy T as ${GROUP}`, "OCID of a tenancy, not of a group"],
      [`Define compartment C as id ${GROUP}`, "OCID of a compartment or tenancy"],
    ])("when the Define is %j, then the OCID is an error", (define, message) => {
      const findings = lintOne([define]).filter((finding) => finding.code === "malformed-ocid");
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toContain(message);
    });

    test("when a statement names a group or compartment by a wrong id, then it is an error", () => {
      expect(codes(lintOne([`Allow group id ${COMPARTMENT} to manage vcns in compartment id ${GROUP}`]))).toEqual(["malformed-ocid", "malformed-ocid"]);
    });

    test("when a compartment alias is the root compartment (the tenancy OCID), then it is accepted", () => {
      expect(lintOne([`Define group G as ${GROUP}`, `Define compartment Root as id ${REQUESTOR_TENANCY}`, "Allow group G to manage vcns in compartment Root"])).toEqual([]);
    });
  });

  describe("unknown-verb and unknown-resource-type", () => {
    test("when the verb or resource type is outside the vocabulary, then the verb is an error and the resource type a warning", () => {
      expect(summary(lintOne(["Allow group G to administer vcns in tenancy"]))).toEqual(["0/0:unknown-verb:error"]);
      expect(summary(lintOne(["Allow group G to manage remote-peering-too in tenancy"]))).toEqual(["0/0:unknown-resource-type:warning"]);
    });

    test("when every verb and resource type is from the vocabulary, in any case, then nothing is reported", () => {
      const statements = ["inspect", "read", "use", "manage"].map((verb) => `Allow group G to ${verb.toUpperCase()} Security-Lists in tenancy`);
      expect(lintOne([...statements, "Allow group G to manage virtual-circuits in tenancy"])).toEqual([]);
    });
  });

  describe("endorse-target-missing", () => {
    test("when an Endorse names no other tenancy, then it is an error", () => {
      expect(summary(lintOne([`Define group G as ${GROUP}`, "Endorse group G to manage drgs in compartment Net"]))).toEqual(["0/1:endorse-target-missing:error"]);
    });

    test("when an Endorse reaches into any-tenancy, then no target is missing", () => {
      expect(codes(lintOne([`Define group G as ${GROUP}`, "Endorse group G to manage local-peering-to in any-tenancy"]))).not.toContain("endorse-target-missing");
    });
  });

  describe("endorse-without-admit and admit-without-endorse", () => {
    test("when both tenancies' policies match on group, verb and resource type, then nothing is reported", () => {
      const report = lintPolicies({
        policies: [
          requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor"),
          acceptorPolicy("Admit group G of tenancy Requestor to manage remote-peering-to in compartment C"),
        ],
      });
      expect(report.findings).toEqual([]);
    });

    test("when the Admit is for another resource type, then both sides are errors", () => {
      const report = lintPolicies({
        policies: [
          requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor"),
          acceptorPolicy("Admit group G of tenancy Requestor to manage local-peering-to in compartment C"),
        ],
      });
      expect(summary(report.findings)).toEqual(["0/2:endorse-without-admit:error", "1/3:admit-without-endorse:error"]);
      expect(report.findings[0]?.policyName).toBe("R");
    });

    test("when the two sides define the group alias with different OCIDs, then they do not pair", () => {
      const report = lintPolicies({
        policies: [
          requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor"),
          acceptorPolicy("Admit group G of tenancy Requestor to manage remote-peering-to in compartment C", OTHER_GROUP),
        ],
      });
      expect(codes(report.findings)).toEqual(["endorse-without-admit", "admit-without-endorse"]);
    });

    test("when the tenancy OCIDs are known and the Endorse points at a third tenancy, then they do not pair", () => {
      const acceptor = { ...acceptorPolicy("Admit group G of tenancy Requestor to manage remote-peering-to in compartment C"), tenancyOcid: "ocid1.tenancy.oc1..aaaaaaaathird" };
      const report = lintPolicies({ policies: [requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor"), acceptor] });
      expect(codes(report.findings)).toEqual(["endorse-without-admit", "admit-without-endorse"]);
    });

    test("when the Endorse is for any-tenancy, then it pairs with the Admit of any tenancy", () => {
      const requestor: LintPolicy = {
        tenancy: "requestor",
        attachedTo: { kind: "tenancy" },
        statements: [`Define group G as ${GROUP}`, "Endorse group G to manage local-peering-to in any-tenancy"],
      };
      const report = lintPolicies({ policies: [requestor, acceptorPolicy("Admit group G of tenancy Requestor to manage local-peering-to in compartment C")] });
      expect(report.findings).toEqual([]);
    });

    test("when only one tenancy's policy is given, then unmatched Endorse/Admit statements are warnings, not errors", () => {
      const report = lintPolicies({ policies: [requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor")] });
      expect(summary(report.findings)).toEqual(["0/2:endorse-without-admit:warning"]);
      expect(report.errorCount).toBe(0);
    });

    test("when the Endorse and Admit are in policies labelled with the same tenancy, then they do not pair", () => {
      const report = lintPolicies({
        policies: [
          requestorPolicy("Endorse group G to manage remote-peering-to in tenancy Acceptor"),
          { ...acceptorPolicy("Admit group G of tenancy Requestor to manage remote-peering-to in compartment C"), tenancy: "requestor" },
        ],
      });
      expect(summary(report.findings)).toEqual(["0/2:endorse-without-admit:warning", "1/3:admit-without-endorse:warning"]);
    });
  });

  describe("cross-tenancy-below-root and tenancy-scope-below-root", () => {
    test("when a policy with Define tenancy, Endorse or Admit is attached to a compartment, then each such statement is an error", () => {
      const findings = lintOne(
        [`Define group G as ${GROUP}`, `Define tenancy T as ${REQUESTOR_TENANCY}`, `Define compartment C as ${COMPARTMENT}`, "Admit group G of tenancy T to manage local-peering-to in compartment C"],
        "compartment",
      );
      expect(summary(findings.filter((finding) => finding.code === "cross-tenancy-below-root"))).toEqual(["0/1:cross-tenancy-below-root:error", "0/3:cross-tenancy-below-root:error"]);
    });

    test("when the same policy is attached to the tenancy, then no attachment finding is reported", () => {
      const findings = lintOne(
        [`Define group G as ${GROUP}`, `Define tenancy T as ${REQUESTOR_TENANCY}`, `Define compartment C as ${COMPARTMENT}`, "Admit group G of tenancy T to manage local-peering-to in compartment C"],
        "tenancy",
      );
      expect(codes(findings)).not.toContain("cross-tenancy-below-root");
    });

    test("when a compartment's policy grants 'in tenancy', then it is a warning; 'in compartment' is fine", () => {
      expect(summary(lintOne(["Allow group NetworkAdmins to manage virtual-network-family in tenancy"], "compartment"))).toEqual(["0/0:tenancy-scope-below-root:warning"]);
      expect(lintOne([`Allow group NetworkAdmins to manage virtual-network-family in compartment id ${COMPARTMENT}`], "compartment")).toEqual([]);
    });
  });

  test("when the report is built, then findings are ordered by policy and statement and counted by severity", () => {
    const report = lintPolicies({
      policies: [
        { attachedTo: { kind: "tenancy" }, statements: ["Allow group G to frob vcns in tenancy", `Define group G as ${GROUP}`] },
        { attachedTo: { kind: "compartment" }, statements: ["Allow group G to manage vcns in tenancy"] },
      ],
    });
    expect(summary(report.findings)).toEqual(["0/0:alias-undefined:error", "0/0:unknown-verb:error", "0/1:define-not-first:error", "1/0:tenancy-scope-below-root:warning"]);
    expect([report.errorCount, report.warningCount]).toEqual([3, 1]);
  });

  test("when a generated cross-tenancy set is linted with one side's Admit removed, then the orphaned Endorse is an error", () => {
    const request = policySetToLintRequest(
      generatePolicies({
        scenario: "local-peering-cross-tenancy",
        requestorGroupOcid: GROUP,
        requestorCompartmentOcid: COMPARTMENT,
        requestorTenancyOcid: REQUESTOR_TENANCY,
        acceptorCompartmentOcid: "ocid1.compartment.oc1..aaaaaaaaacceptorcomp",
        acceptorTenancyOcid: ACCEPTOR_TENANCY,
      }),
    );
    const acceptor = request.policies[1];
    if (acceptor === undefined) throw new Error("expected two policies");
    acceptor.statements = acceptor.statements.filter((statement) => !statement.includes("associate"));
    expect(summary(lintPolicies(request).findings)).toEqual(["0/5:endorse-without-admit:error"]);
  });
});
