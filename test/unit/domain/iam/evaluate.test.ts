import { generatePolicies, type PolicyScenarioRequestInput } from "../../../../shared/domain/iam";
import { effectOf, grantedBy, type GrantEffect, type LivePolicy, type TenancyView } from "../../../../shared/domain/iam/evaluate";

/**
 * The permission preflight's evaluator on every generated scenario: with the generated policies in place every
 * statement's effect is granted; without any one of them (a Define included) some effect is not. Group and
 * compartment names differ from the aliases on purpose, so only a Define can connect them.
 */

const R = "ocid1.tenancy.oc1..requestor";
const A = "ocid1.tenancy.oc1..acceptor";
const R_GROUP = "ocid1.group.oc1..reqgroup";
const A_GROUP = "ocid1.group.oc1..accgroup";
const R_COMP = "ocid1.compartment.oc1..reqcomp";
const A_COMP = "ocid1.compartment.oc1..acccomp";
const R_CHILD = "ocid1.compartment.oc1..reqchild";

function views(sameTenancy: boolean): Map<string, TenancyView> {
  const requestor: TenancyView = {
    tenancyId: R,
    compartments: [
      { id: R_COMP, name: "network", parentId: R },
      { id: R_CHILD, name: "apps", parentId: R_COMP },
      ...(sameTenancy ? [{ id: A_COMP, name: "partner-net", parentId: R }] : []),
    ],
    groups: [
      { id: R_GROUP, name: "net-engineers" },
      { id: "ocid1.group.oc1..networkadmins", name: "NetworkAdmins" },
      { id: "ocid1.group.oc1..vcadmins", name: "VirtualCircuitAdmins" },
    ],
    policies: [],
  };
  const acceptor: TenancyView = { tenancyId: A, compartments: [{ id: A_COMP, name: "partner-net", parentId: A }], groups: [{ id: A_GROUP, name: "partner-admins" }], policies: [] };
  return new Map([
    [R, requestor],
    [A, acceptor],
  ]);
}

interface Case {
  request: PolicyScenarioRequestInput;
  sameTenancy: boolean;
}

const cases: Record<string, Case> = {
  "remote peering, legacy DRG (one tenancy)": {
    request: { scenario: "remote-peering-legacy-drg", requestorGroupOcid: R_GROUP, requestorCompartmentOcid: R_COMP, acceptorCompartmentOcid: A_COMP, tenancyOcid: R },
    sameTenancy: true,
  },
  "remote peering, upgraded DRGs (two tenancies)": {
    request: { scenario: "remote-peering-upgraded-drg", requestorGroupOcid: R_GROUP, requestorCompartmentOcid: R_COMP, requestorTenancyOcid: R, acceptorCompartmentOcid: A_COMP, acceptorTenancyOcid: A },
    sameTenancy: false,
  },
  "local peering (one tenancy)": {
    request: { scenario: "local-peering", requestorGroupOcid: R_GROUP, requestorCompartmentOcid: R_COMP, acceptorCompartmentOcid: A_COMP, tenancyOcid: R },
    sameTenancy: true,
  },
  "local peering (two tenancies)": {
    request: { scenario: "local-peering-cross-tenancy", requestorGroupOcid: R_GROUP, requestorCompartmentOcid: R_COMP, requestorTenancyOcid: R, acceptorCompartmentOcid: A_COMP, acceptorTenancyOcid: A },
    sameTenancy: false,
  },
  "local peering (two tenancies, any-tenancy)": {
    request: { scenario: "local-peering-cross-tenancy", requestorGroupOcid: R_GROUP, requestorCompartmentOcid: R_COMP, requestorTenancyOcid: R, acceptorCompartmentOcid: A_COMP, anyTenancy: true },
    sameTenancy: false,
  },
  "DRG attachment (one tenancy)": { request: { scenario: "drg-attachment", vcnAdminGroupOcid: R_GROUP, tenancyOcid: R, includeRouteTableManagement: true }, sameTenancy: true },
  "DRG attachment (two tenancies)": {
    request: { scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: A_GROUP, drgAdminGroupOcid: R_GROUP, requestorTenancyOcid: R, acceptorTenancyOcid: A },
    sameTenancy: false,
  },
  "interconnect prerequisites": { request: { scenario: "interconnect", tenancyOcid: R, compartmentOcid: R_COMP }, sameTenancy: true },
};

/** The generated policies as they would stand in OCI: each in its tenancy, attached where it says. */
function install(request: PolicyScenarioRequestInput): LivePolicy[] {
  return generatePolicies(request).policies.map((policy) => {
    const tenancyId = policy.tenancy === "acceptor" ? A : R;
    return { name: policy.name, tenancyId, compartmentId: policy.attachTo.kind === "compartment" ? (policy.attachTo.ocid ?? tenancyId) : tenancyId, statements: policy.statements };
  });
}

function effects(policies: LivePolicy[], all: Map<string, TenancyView>): GrantEffect[] {
  const byName = (tenancyId: string, name: string) => all.get(tenancyId)?.groups.find((group) => group.name.toLowerCase() === name.toLowerCase())?.id;
  return policies.flatMap((policy) =>
    policy.statements.flatMap((text) => {
      if (/^define /i.test(text)) return [];
      const effect = effectOf(text, policy, byName);
      if (!effect) throw new Error(`no effect for '${text}'`);
      return [effect];
    }),
  );
}

function withPolicies(all: Map<string, TenancyView>, policies: LivePolicy[]): Map<string, TenancyView> {
  return new Map([...all].map(([id, view]) => [id, { ...view, policies: policies.filter((policy) => policy.tenancyId === id) }]));
}

describe.each(Object.entries(cases))("%s", (_name, { request, sameTenancy }) => {
  const base = views(sameTenancy);
  const policies = install(request);
  const wanted = effects(policies, base);

  it("when the generated policies are in place, then every statement's effect is granted", () => {
    const live = withPolicies(base, policies);
    expect(wanted.map((effect) => [effect.kind, grantedBy(effect, live) !== undefined])).toEqual(wanted.map((effect) => [effect.kind, true]));
  });

  const removals = policies.flatMap((policy, p) => policy.statements.map((statement, s) => ({ p, s, statement })));
  it.each(removals)("when '$statement' is removed, then some effect is no longer granted", ({ p, s }) => {
    const trimmed = policies.map((policy, index) => (index === p ? { ...policy, statements: policy.statements.filter((_, i) => i !== s) } : policy));
    const live = withPolicies(base, trimmed);
    expect(wanted.filter((effect) => grantedBy(effect, live) === undefined).length).toBeGreaterThan(0);
  });
});

describe("what the evaluator counts", () => {
  const base = views(false);
  const group = { tenancyId: R, groupId: R_GROUP };
  const allow = (statements: string[], compartmentId = R) => withPolicies(base, [{ name: "p", tenancyId: R, compartmentId, statements }]);

  it("when a family is granted in a parent compartment, then a member type below it is granted; a weaker verb or a sibling is not", () => {
    const live = allow(["Allow group net-engineers to manage virtual-network-family in compartment network"]);
    expect(grantedBy({ kind: "allow", group, verb: "manage", resourceType: "local-peering-from", compartmentId: R_CHILD }, live)).toBe("p: Allow group net-engineers to manage virtual-network-family in compartment network");
    expect(grantedBy({ kind: "allow", group, verb: "manage", resourceType: "policies", compartmentId: R_CHILD }, live)).toBeUndefined();
    const inspectOnly = allow(["Allow group net-engineers to inspect vcns in tenancy"]);
    expect(grantedBy({ kind: "allow", group, verb: "manage", resourceType: "vcns", compartmentId: R_COMP }, inspectOnly)).toBeUndefined();
    expect(grantedBy({ kind: "allow", group, verb: "read", resourceType: "vcns", compartmentId: R_COMP }, inspectOnly)).toBeUndefined();
    expect(grantedBy({ kind: "allow", group, verb: "inspect", resourceType: "vcns", compartmentId: R_COMP }, inspectOnly)).toBeDefined();
  });

  it("when a policy attached to a compartment names the tenancy, or a statement has a condition, then it grants nothing the preflight counts", () => {
    expect(grantedBy({ kind: "allow", group, verb: "manage", resourceType: "vcns", compartmentId: R_COMP }, allow(["Allow group net-engineers to manage vcns in tenancy"], R_CHILD))).toBeUndefined();
    expect(grantedBy({ kind: "allow", group, verb: "manage", resourceType: "vcns", compartmentId: R_COMP }, allow(["Allow group net-engineers to manage vcns in tenancy where request.operation = 'CreateVcn'"]))).toBeUndefined();
  });
});
