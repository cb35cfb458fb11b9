import { tryGeneratePolicies, PolicyScenarioRequest } from "../../../../shared/domain/iam";
import { parseWith } from "../../../../shared/domain/problem";

const GROUP = "ocid1.group.oc1..aaaaaaaagroup";
const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaacomp";
const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";
const OTHER_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaother";

function errorsFor(input: unknown): Array<[string, string]> {
  const result = parseWith(PolicyScenarioRequest, input);
  return result.ok ? [] : result.errors.map((error) => [error.path, error.message]);
}

describe("PolicyScenarioRequest", () => {
  test("when the scenario is missing or unknown, then the error names the field and lists the scenarios", () => {
    for (const input of [{}, { scenario: "vpn" }]) {
      const errors = errorsFor(input);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.[0]).toBe("scenario");
      expect(errors[0]?.[1]).toContain("remote-peering-legacy-drg, remote-peering-upgraded-drg, local-peering");
    }
  });

  test("when OCIDs are missing, malformed or of the wrong type, then each field says which rule it breaks", () => {
    expect(errorsFor({ scenario: "local-peering", requestorGroupOcid: "admins", requestorCompartmentOcid: GROUP })).toEqual([
      ["requestorGroupOcid", "'admins' is not an OCID (ocid1.<type>.<realm>.[region].<unique id>)"],
      ["requestorCompartmentOcid", "must be the OCID of a compartment or tenancy, not of a group"],
      ["acceptorCompartmentOcid", "is required"],
    ]);
  });

  test("when an alias breaks the naming rule or is a keyword, then the alias field says so", () => {
    const errors = errorsFor({
      scenario: "local-peering",
      requestorGroupOcid: GROUP,
      requestorCompartmentOcid: COMPARTMENT,
      acceptorCompartmentOcid: COMPARTMENT,
      aliases: { requestorGroup: "net admins", acceptorCompartment: "tenancy" },
    });
    expect(errors).toEqual([
      ["aliases.requestorGroup", "must be 1-100 letters, digits, underscores or hyphens"],
      ["aliases.acceptorCompartment", expect.stringContaining("must not be a policy keyword")],
    ]);
  });

  test("when two aliases collide, or an unknown alias key is sent, then the request is refused", () => {
    const base = { scenario: "local-peering", requestorGroupOcid: GROUP, requestorCompartmentOcid: COMPARTMENT, acceptorCompartmentOcid: COMPARTMENT };
    expect(errorsFor({ ...base, aliases: { requestorCompartment: "Net", acceptorCompartment: "net" } })).toEqual([
      ["aliases.acceptorCompartment", "must differ from aliases.requestorCompartment ('net'): each alias names one thing"],
    ]);
    expect(errorsFor({ ...base, aliases: { requestorGrp: "X" } })[0]?.[0]).toBe("aliases");
  });

  test("when a cross-tenancy scenario names one tenancy twice, then acceptorTenancyOcid is refused", () => {
    const errors = errorsFor({
      scenario: "remote-peering-upgraded-drg",
      requestorGroupOcid: GROUP,
      requestorCompartmentOcid: COMPARTMENT,
      requestorTenancyOcid: TENANCY,
      acceptorCompartmentOcid: COMPARTMENT,
      acceptorTenancyOcid: TENANCY,
    });
    expect(errors).toEqual([["acceptorTenancyOcid", expect.stringContaining("must differ from requestorTenancyOcid")]]);
  });

  test("when cross-tenancy LPG peering has no acceptor tenancy, then it is required unless anyTenancy is set", () => {
    const base = { scenario: "local-peering-cross-tenancy", requestorGroupOcid: GROUP, requestorCompartmentOcid: COMPARTMENT, requestorTenancyOcid: TENANCY, acceptorCompartmentOcid: COMPARTMENT };
    expect(errorsFor(base)).toEqual([["acceptorTenancyOcid", expect.stringContaining("is required unless anyTenancy is true")]]);
    expect(errorsFor({ ...base, anyTenancy: true })).toEqual([]);
  });

  test("when the cross-tenancy attachment uses one group OCID for both admin groups, then it is refused", () => {
    const errors = errorsFor({ scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: GROUP, drgAdminGroupOcid: GROUP, requestorTenancyOcid: TENANCY, acceptorTenancyOcid: OTHER_TENANCY });
    expect(errors).toEqual([["drgAdminGroupOcid", expect.stringContaining("must differ from vcnAdminGroupOcid")]]);
  });

  test("when the interconnect policies should sit in a compartment but none is named, then attachPoliciesTo is refused", () => {
    expect(errorsFor({ scenario: "interconnect", attachPoliciesTo: "compartment" })).toEqual([["attachPoliciesTo", expect.stringContaining("only with compartmentOcid")]]);
    expect(errorsFor({ scenario: "interconnect", include: [] })).toEqual([["include", "must list at least one policy"]]);
    expect(errorsFor({ scenario: "interconnect", include: ["network-admins", "network-admins"] })).toEqual([["include", "must not list a policy twice"]]);
  });

  test("when optional fields are omitted, then the seed's aliases and Interlink's defaults are filled in", () => {
    const parsed = PolicyScenarioRequest.parse({ scenario: "remote-peering-legacy-drg", requestorGroupOcid: GROUP, requestorCompartmentOcid: COMPARTMENT, acceptorCompartmentOcid: COMPARTMENT });
    expect(parsed).toMatchObject({ attachPoliciesTo: "tenancy", aliases: { requestorGroup: "RequestorGrp", requestorCompartment: "RequestorComp", acceptorCompartment: "AcceptorComp" } });
  });

  test("when tryGeneratePolicies gets bad JSON, then it returns field errors instead of throwing", () => {
    expect(tryGeneratePolicies({ scenario: "drg-attachment" })).toEqual({ ok: false, errors: [{ path: "vcnAdminGroupOcid", message: "is required" }] });
    expect(tryGeneratePolicies("not an object")).toMatchObject({ ok: false });
  });
});
