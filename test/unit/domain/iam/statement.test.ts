import { parseStatement, splitPolicyText } from "../../../../shared/domain/iam";

const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";
const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacomp";

describe("parseStatement", () => {
  test("when a Define uses 'as id' or plain 'as', then both parse to the same alias and OCID", () => {
    expect(parseStatement(`Define compartment C as id ${COMPARTMENT}`)).toEqual({
      ok: true,
      statement: { kind: "define", entity: "compartment", alias: "C", ocid: COMPARTMENT, asId: true },
    });
    expect(parseStatement(`define tenancy Acceptor as ${TENANCY}`)).toEqual({
      ok: true,
      statement: { kind: "define", entity: "tenancy", alias: "Acceptor", ocid: TENANCY, asId: false },
    });
  });

  test("when keywords are in any case, then the statement parses (the seed mixes define and Define)", () => {
    const parsed = parseStatement("ALLOW GROUP NetworkAdmins TO MANAGE virtual-network-family IN TENANCY");
    expect(parsed).toEqual({
      ok: true,
      statement: { kind: "allow", subject: { kind: "group", name: "NetworkAdmins" }, verb: "MANAGE", resource: { resourceType: "virtual-network-family", location: { kind: "tenancy" } } },
    });
  });

  test("when an Admit names the subject's tenancy, then ofTenancy and an unnamed 'in tenancy' are read", () => {
    const parsed = parseStatement("admit group vcnAdmin of tenancy acceptorVCN to manage drg in tenancy ");
    expect(parsed).toEqual({
      ok: true,
      statement: { kind: "admit", subject: { kind: "group", name: "vcnAdmin" }, ofTenancy: "acceptorVCN", verb: "manage", resource: { resourceType: "drg", location: { kind: "tenancy" } } },
    });
  });

  test("when an associate statement spans two lines, then both resource clauses are read", () => {
    const parsed = parseStatement(
      "Endorse group requestorGrp to associate local-peering-gateways in compartment requestorComp\n   with local-peering-gateways in tenancy Acceptor",
    );
    expect(parsed).toEqual({
      ok: true,
      statement: {
        kind: "endorse",
        subject: { kind: "group", name: "requestorGrp" },
        verb: "associate",
        resource: { resourceType: "local-peering-gateways", location: { kind: "compartment", name: "requestorComp" } },
        associateWith: { resourceType: "local-peering-gateways", location: { kind: "tenancy", alias: "Acceptor" } },
      },
    });
  });

  test("when subjects and compartments are given by OCID and a where clause follows, then they are kept", () => {
    const parsed = parseStatement(`Allow group id ocid1.group.oc1..aaaa to use vcns in compartment id ${COMPARTMENT} where request.region = 'iad'`);
    expect(parsed).toEqual({
      ok: true,
      statement: {
        kind: "allow",
        subject: { kind: "group", ocid: "ocid1.group.oc1..aaaa" },
        verb: "use",
        resource: { resourceType: "vcns", location: { kind: "compartment", ocid: COMPARTMENT } },
        condition: "request.region = 'iad'",
      },
    });
  });

  test.each([
    ["", "is empty"],
    ["Permit group X to manage vcns in tenancy", "starts with 'Permit'"],
    ["Allow group X to", "ends where a verb was expected"],
    ["Allow group X to manage vcns at tenancy", "expected 'in' after 'vcns', found 'at'"],
    ["Admit group X to manage vcns in tenancy", "Admit without 'of tenancy <alias>'"],
    ["Allow group X of tenancy T to manage vcns in tenancy", "only an Admit statement takes"],
    ["Endorse group X to associate local-peering-gateways in tenancy T", "without 'with"],
    ["Allow group X to manage vcns in tenancy with vcns in tenancy", "only the verb 'associate' takes"],
    ["Allow group A, group B to manage vcns in tenancy", "lists several subjects"],
    ["Define policy P as ocid1.policy.oc1..aaaa", "Define takes tenancy, group, compartment or dynamic-group"],
    [`Define group G as ${TENANCY} extra`, "after the OCID"],
    ["Allow group X to manage vcns in region iad", "expected tenancy, any-tenancy or compartment"],
  ])("when the statement is %j, then it does not parse and the reason says why", (text, reason) => {
    const parsed = parseStatement(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe("splitPolicyText", () => {
  test("when a policy file has blank lines and a wrapped associate statement, then each statement is one entry", () => {
    const text = [
      "Define tenancy Acceptor as <acceptorTenancyOcid>",
      "",
      "Endorse group requestorGrp to associate local-peering-gateways in compartment requestorComp",
      "   with local-peering-gateways in tenancy Acceptor",
      "  allow group requestorGrp to manage local-peering-from in compartment requestorComp  ",
    ].join("\r\n");
    expect(splitPolicyText(text)).toEqual([
      "Define tenancy Acceptor as <acceptorTenancyOcid>",
      "Endorse group requestorGrp to associate local-peering-gateways in compartment requestorComp with local-peering-gateways in tenancy Acceptor",
      "allow group requestorGrp to manage local-peering-from in compartment requestorComp",
    ]);
  });
});
