import { EmulatorClock } from "../src/core/clock";
import { DEFAULT_DURATIONS } from "../src/core/durations";
import { FaultStore } from "../src/core/faults";
import { Journal } from "../src/core/journal";
import { World } from "../src/core/world";
import { evaluate, type Need } from "../src/oci/iam/evaluate";
import { policyProblem } from "../src/oci/iam/validate";
import type { Principal } from "../src/oci/identity/model";
import { addCompartment, addGroup, addMembership, addPolicy, addTenancy, addUser } from "../src/oci/identity/records";
import { principalOf } from "../src/oci/identity/store";

/**
 * The policy evaluator on literal statements (Oracle's "IAM Policies for Routing Between VCNs" examples and the
 * policy syntax rules). Group and compartment names differ from the aliases on purpose, so a Define is needed.
 */

function world(): World {
  return new World(new EmulatorClock(0, Date.UTC(2026, 0, 1)), { durations: DEFAULT_DURATIONS, ociRegion: "us-ashburn-1", ociRegionKey: "iad", armPageSize: 100, strictBandwidth: false, gatewayPublicIpRequired: false }, new Journal(), new FaultStore());
}

interface Org {
  tenancy: string;
  compartments: Record<string, string>;
  groups: Record<string, string>;
  users: Record<string, Principal>;
}

/** A tenancy with compartments (child of the root unless `a/b`), groups and one user per group. */
function org(w: World, name: string, compartments: string[], groups: string[]): Org {
  const tenancy = addTenancy(w, { name, homeRegion: "us-ashburn-1" }).id;
  const ids: Record<string, string> = {};
  for (const path of compartments) {
    const [parent, child] = path.split("/");
    ids[path] = addCompartment(w, { parentId: child ? (ids[parent ?? ""] ?? tenancy) : tenancy, tenancyId: tenancy, name: child ?? parent ?? path }).id;
  }
  const groupIds: Record<string, string> = {};
  const users: Record<string, Principal> = {};
  for (const group of groups) {
    const record = addGroup(w, { tenancyId: tenancy, name: group });
    groupIds[group] = record.id;
    const user = addUser(w, { tenancyId: tenancy, name: `${group}-user` });
    addMembership(w, user, record);
    users[group] = principalOf(w, user);
  }
  return { tenancy, compartments: ids, groups: groupIds, users };
}

interface PolicySpec {
  tenancy: string;
  /** Default: the tenancy (root). */
  compartmentId?: string;
  statements: string[];
}

function install(w: World, policies: PolicySpec[]): void {
  for (const [index, policy] of policies.entries()) {
    const compartmentId = policy.compartmentId ?? policy.tenancy;
    const problem = policyProblem(w, { compartmentId, tenancyId: policy.tenancy, statements: policy.statements });
    if (problem) throw new Error(problem);
    addPolicy(w, { compartmentId, tenancyId: policy.tenancy, name: `p${index}`, description: "test", statements: policy.statements });
  }
}

const allowed = (w: World, principal: Principal, need: Need, operation = "Test") => evaluate(w, principal, need, operation).allowed;
const permission = (permission: string, compartmentId: string): Need => ({ kind: "permission", permission, compartmentId });

interface Scenario {
  name: string;
  build(w: World): { policies: PolicySpec[]; checks: { principal: Principal; need: Need }[] };
}

/** The generated pair grants every check; without any one statement (a Define included) some check is denied. */
function pairScenario(scenario: Scenario): void {
  describe(scenario.name, () => {
    it("when all statements are in place, then every permission the operation needs is granted", () => {
      const w = world();
      const { policies, checks } = scenario.build(w);
      install(w, policies);
      for (const { principal, need } of checks) expect({ need, allowed: allowed(w, principal, need) }).toEqual({ need, allowed: true });
    });

    it("when any one statement is removed, then something the operation needs is denied", () => {
      const probe = world();
      const { policies } = scenario.build(probe);
      for (const [policyIndex, policy] of policies.entries()) {
        for (const statementIndex of policy.statements.keys()) {
          const w = world();
          const built = scenario.build(w);
          const reduced = built.policies.map((candidate, index) => (index === policyIndex ? { ...candidate, statements: candidate.statements.filter((_, i) => i !== statementIndex) } : candidate));
          // A policy that no longer validates (an alias it uses is gone) is refused by OCI, so it grants nothing.
          install(
            w,
            reduced.filter((candidate) => candidate.statements.length > 0 && !policyProblem(w, { compartmentId: candidate.compartmentId ?? candidate.tenancy, tenancyId: candidate.tenancy, statements: candidate.statements })),
          );
          const denied = built.checks.filter(({ principal, need }) => !allowed(w, principal, need));
          expect({ removed: policy.statements[statementIndex], denied: denied.length > 0 }).toEqual({ removed: policy.statements[statementIndex], denied: true });
        }
      }
    });
  });
}

describe("OCI policy evaluation: the peering scenarios of Oracle's 'IAM Policies for Routing Between VCNs'", () => {
  pairScenario({
    name: "remote peering with a legacy DRG (one tenancy)",
    build(w) {
      const t = org(w, "corp", ["net-east", "net-west"], ["peering-requestors"]);
      const policies = [
        { tenancy: t.tenancy, statements: [`Define group RequestorGrp as ${t.groups["peering-requestors"]}`, `Define compartment RequestorComp as ${t.compartments["net-east"]}`, "Allow group RequestorGrp to manage remote-peering-from in compartment RequestorComp"] },
        { tenancy: t.tenancy, statements: [`Define group RequestorGrp as ${t.groups["peering-requestors"]}`, `Define compartment AcceptorComp as ${t.compartments["net-west"]}`, "Allow group RequestorGrp to manage remote-peering-to in compartment AcceptorComp"] },
      ];
      const requestor = t.users["peering-requestors"] as Principal;
      return {
        policies,
        checks: [
          { principal: requestor, need: permission("REMOTE_PEERING_CONNECTION_CONNECT_FROM", t.compartments["net-east"] ?? "") },
          { principal: requestor, need: permission("REMOTE_PEERING_CONNECTION_CONNECT_TO", t.compartments["net-west"] ?? "") },
        ],
      };
    },
  });

  pairScenario({
    name: "remote peering with an upgraded DRG (two tenancies)",
    build(w) {
      const r = org(w, "requestor", ["net"], ["peering-requestors"]);
      const a = org(w, "acceptor", ["shared"], []);
      const group = r.groups["peering-requestors"];
      const policies = [
        {
          tenancy: r.tenancy,
          statements: [
            `Define group requestorGroup as ${group}`,
            `Define compartment requestorCompartment as id ${r.compartments.net}`,
            `Define tenancy Acceptor as ${a.tenancy}`,
            "Allow group requestorGroup to manage remote-peering-from in compartment requestorCompartment",
            "Endorse group requestorGroup to manage remote-peering-to in tenancy Acceptor",
          ],
        },
        {
          tenancy: a.tenancy,
          statements: [
            `Define group requestorGroup as ${group}`,
            `Define tenancy Requestor as ${r.tenancy}`,
            `Define compartment acceptorCompartment as id ${a.compartments.shared}`,
            "Admit group requestorGroup of tenancy Requestor to manage remote-peering-to in compartment acceptorCompartment",
          ],
        },
      ];
      const requestor = r.users["peering-requestors"] as Principal;
      return {
        policies,
        checks: [
          { principal: requestor, need: permission("REMOTE_PEERING_CONNECTION_CONNECT_FROM", r.compartments.net ?? "") },
          { principal: requestor, need: permission("REMOTE_PEERING_CONNECTION_CONNECT_TO", a.compartments.shared ?? "") },
        ],
      };
    },
  });

  pairScenario({
    name: "local peering with LPGs (one tenancy)",
    build(w) {
      const t = org(w, "corp", ["hub", "spoke"], ["lpg-requestors"]);
      const group = t.groups["lpg-requestors"];
      const policies = [
        { tenancy: t.tenancy, statements: [`Define group requestorGrp as ${group}`, `Define compartment requestorComp as ${t.compartments.hub}`, "Allow group requestorGrp to manage local-peering-from in compartment requestorComp"] },
        { tenancy: t.tenancy, statements: [`Define group requestorGrp as ${group}`, `Define compartment acceptorComp as id ${t.compartments.spoke}`, "Allow group requestorGrp to manage local-peering-to in compartment acceptorComp"] },
      ];
      const requestor = t.users["lpg-requestors"] as Principal;
      return {
        policies,
        checks: [
          { principal: requestor, need: permission("LOCAL_PEERING_GATEWAY_CONNECT_FROM", t.compartments.hub ?? "") },
          { principal: requestor, need: permission("LOCAL_PEERING_GATEWAY_CONNECT_TO", t.compartments.spoke ?? "") },
        ],
      };
    },
  });

  pairScenario({
    name: "local peering with LPGs (two tenancies, Endorse/Admit and associate)",
    build(w) {
      const r = org(w, "requestor", ["hub"], ["lpg-requestors"]);
      const a = org(w, "acceptor", ["spoke"], []);
      const group = r.groups["lpg-requestors"];
      const policies = [
        {
          tenancy: r.tenancy,
          statements: [
            `Define tenancy Acceptor as ${a.tenancy}`,
            `Define group requestorGrp as ${group}`,
            `Define compartment requestorComp as id ${r.compartments.hub}`,
            "Allow group requestorGrp to manage local-peering-from in compartment requestorComp",
            "Endorse group requestorGrp to manage local-peering-to in tenancy Acceptor",
            "Endorse group requestorGrp to associate local-peering-gateways in compartment requestorComp with local-peering-gateways in tenancy Acceptor",
          ],
        },
        {
          tenancy: a.tenancy,
          statements: [
            `Define tenancy Requestor as ${r.tenancy}`,
            `Define group requestorGrp as ${group}`,
            `Define compartment acceptorComp as id ${a.compartments.spoke}`,
            "Admit group requestorGrp of tenancy Requestor to manage local-peering-to in compartment acceptorComp",
            "Admit group requestorGrp of tenancy Requestor to associate local-peering-gateways in tenancy Requestor with local-peering-gateways in compartment acceptorComp",
          ],
        },
      ];
      const requestor = r.users["lpg-requestors"] as Principal;
      return {
        policies,
        checks: [
          { principal: requestor, need: permission("LOCAL_PEERING_GATEWAY_CONNECT_FROM", r.compartments.hub ?? "") },
          { principal: requestor, need: permission("LOCAL_PEERING_GATEWAY_CONNECT_TO", a.compartments.spoke ?? "") },
          { principal: requestor, need: { kind: "associate", resourceType: "local-peering-gateways", firstCompartmentId: r.compartments.hub ?? "", secondCompartmentId: a.compartments.spoke ?? "" } },
        ],
      };
    },
  });

  pairScenario({
    name: "attaching a VCN of another tenancy to a DRG",
    build(w) {
      const r = org(w, "drg-owner", [], ["drg-admins"]);
      const a = org(w, "vcn-owner", ["apps"], ["vcn-admins"]);
      // Each side's administrators also manage their own tenancy's networks.
      install(w, [
        { tenancy: r.tenancy, statements: ["Allow group drg-admins to manage drgs in tenancy"] },
        { tenancy: a.tenancy, statements: ["Allow group vcn-admins to manage virtual-network-family in tenancy"] },
      ]);
      const policies = [
        {
          tenancy: r.tenancy,
          statements: [
            `define group vcnAdmin as ${a.groups["vcn-admins"]}`,
            `define group drgAdmin as ${r.groups["drg-admins"]}`,
            `define tenancy acceptorVCN as ${a.tenancy}`,
            "endorse group drgAdmin to manage drg-attachment in tenancy acceptorVCN",
            "admit group vcnAdmin of tenancy acceptorVCN to manage drg in tenancy",
          ],
        },
        {
          tenancy: a.tenancy,
          statements: [
            `define tenancy requestorDRG as ${r.tenancy}`,
            `define group drgAdmin as ${r.groups["drg-admins"]}`,
            `define group vcnAdmin as ${a.groups["vcn-admins"]}`,
            "admit group drgAdmin of tenancy requestorDRG to manage drg-attachment in tenancy",
            "endorse group vcnAdmin to manage drg in tenancy requestorDRG",
          ],
        },
      ];
      return {
        policies,
        checks: [
          // The DRG's admins create the attachment, which lives in the VCN's tenancy ...
          { principal: r.users["drg-admins"] as Principal, need: permission("DRG_ATTACHMENT_CREATE", a.compartments.apps ?? "") },
          // ... and the VCN's admins associate a route table with it, which touches the DRG.
          { principal: a.users["vcn-admins"] as Principal, need: permission("DRG_ATTACH", r.tenancy) },
        ],
      };
    },
  });
});

describe("OCI policy evaluation: the language", () => {
  it("verbs include the ones below them (inspect < read < use < manage), and no more", () => {
    const w = world();
    const t = org(w, "corp", ["net"], ["readers", "users", "admins"]);
    install(w, [
      { tenancy: t.tenancy, statements: ["Allow group readers to read drgs in tenancy", "Allow group users to use drgs in tenancy", "Allow group admins to manage drgs in tenancy"] },
    ]);
    const net = t.compartments.net ?? "";
    const check = (group: string, perm: string) => allowed(w, t.users[group] as Principal, permission(perm, net));
    expect(["DRG_READ", "DRG_ATTACH", "DRG_CREATE"].map((perm) => check("readers", perm))).toEqual([true, false, false]);
    expect(["DRG_READ", "DRG_ATTACH", "DRG_CREATE"].map((perm) => check("users", perm))).toEqual([true, true, false]);
    expect(["DRG_READ", "DRG_ATTACH", "DRG_CREATE"].map((perm) => check("admins", perm))).toEqual([true, true, true]);
  });

  it("families cover their members: virtual-network-family covers LPG connects and DRG attachments, drgs covers attachments but not VCNs", () => {
    const w = world();
    const t = org(w, "corp", ["net"], ["netadmins", "drgadmins"]);
    install(w, [{ tenancy: t.tenancy, statements: ["Allow group netadmins to manage virtual-network-family in compartment net", "Allow group drgadmins to manage drgs in compartment net"] }]);
    const net = t.compartments.net ?? "";
    for (const perm of ["LOCAL_PEERING_GATEWAY_CONNECT_TO", "REMOTE_PEERING_CONNECTION_CONNECT_FROM", "DRG_ATTACHMENT_CREATE", "VCN_ATTACH", "VIRTUAL_CIRCUIT_CREATE"]) {
      expect([perm, allowed(w, t.users.netadmins as Principal, permission(perm, net))]).toEqual([perm, true]);
    }
    expect(allowed(w, t.users.drgadmins as Principal, permission("DRG_ATTACHMENT_CREATE", net))).toBe(true);
    expect(allowed(w, t.users.drgadmins as Principal, permission("VCN_ATTACH", net))).toBe(false);
    expect(allowed(w, t.users.netadmins as Principal, permission("POLICY_CREATE", net))).toBe(false);
  });

  it("a grant in a compartment is inherited by its children, not by its parent or siblings; 'in tenancy' covers all", () => {
    const w = world();
    const t = org(w, "corp", ["net", "net/prod", "apps"], ["netops", "admins"]);
    install(w, [
      { tenancy: t.tenancy, compartmentId: t.compartments.net, statements: ["Allow group netops to manage vcns in compartment prod"] },
      { tenancy: t.tenancy, statements: ["Allow group admins to inspect vcns in tenancy", "Allow group netops to read vcns in compartment net:prod"] },
    ]);
    const ops = t.users.netops as Principal;
    expect(allowed(w, ops, permission("VCN_CREATE", t.compartments["net/prod"] ?? ""))).toBe(true);
    expect(allowed(w, ops, permission("VCN_CREATE", t.compartments.net ?? ""))).toBe(false);
    expect(allowed(w, ops, permission("VCN_CREATE", t.compartments.apps ?? ""))).toBe(false);
    expect(allowed(w, t.users.admins as Principal, permission("VCN_READ", t.compartments["net/prod"] ?? ""))).toBe(true);
    expect(allowed(w, t.users.admins as Principal, permission("VCN_READ", t.tenancy))).toBe(true);
  });

  it("subjects: group by name, by OCID, any-user (of the policy's tenancy only); a user outside the group gets nothing", () => {
    const w = world();
    const t = org(w, "corp", ["net"], ["named", "byid", "other"]);
    const outsider = org(w, "elsewhere", [], ["named"]);
    install(w, [
      { tenancy: t.tenancy, statements: ["Allow group named to manage vcns in tenancy", `Allow group id ${t.groups.byid} to manage drgs in tenancy`, "Allow any-user to inspect local-peering-gateways in tenancy"] },
    ]);
    const net = t.compartments.net ?? "";
    expect(allowed(w, t.users.named as Principal, permission("VCN_CREATE", net))).toBe(true);
    expect(allowed(w, t.users.byid as Principal, permission("DRG_CREATE", net))).toBe(true);
    expect(allowed(w, t.users.other as Principal, permission("VCN_CREATE", net))).toBe(false);
    expect(allowed(w, t.users.other as Principal, permission("LOCAL_PEERING_GATEWAY_READ", net))).toBe(true);
    // Same group name, other tenancy: neither the named grant nor any-user reaches across.
    expect(allowed(w, outsider.users.named as Principal, permission("VCN_CREATE", net))).toBe(false);
    expect(allowed(w, outsider.users.named as Principal, permission("LOCAL_PEERING_GATEWAY_READ", net))).toBe(false);
  });

  it("where request.operation limits a grant to the named operations (=, !=, any {...})", () => {
    const w = world();
    const t = org(w, "corp", [], ["creators", "notdeleters", "either"]);
    install(w, [
      {
        tenancy: t.tenancy,
        statements: [
          "Allow group creators to manage drgs in tenancy where request.operation = 'CreateDrg'",
          "Allow group notdeleters to manage drgs in tenancy where request.operation != 'DeleteDrg'",
          "Allow group either to manage drgs in tenancy where any {request.operation='CreateDrg', request.operation='UpdateDrg'}",
        ],
      },
    ]);
    const grant = (group: string, perm: string, operation: string) => allowed(w, t.users[group] as Principal, permission(perm, t.tenancy), operation);
    expect([grant("creators", "DRG_CREATE", "CreateDrg"), grant("creators", "DRG_DELETE", "DeleteDrg")]).toEqual([true, false]);
    expect([grant("notdeleters", "DRG_UPDATE", "UpdateDrg"), grant("notdeleters", "DRG_DELETE", "DeleteDrg")]).toEqual([true, false]);
    expect([grant("either", "DRG_UPDATE", "UpdateDrg"), grant("either", "DRG_DELETE", "DeleteDrg")]).toEqual([true, false]);
  });

  it("an Endorse without its Admit (or the reverse) grants nothing, and the reason names what is missing", () => {
    const w = world();
    const r = org(w, "requestor", ["net"], ["peerers"]);
    const a = org(w, "acceptor", ["shared"], []);
    install(w, [{ tenancy: r.tenancy, statements: [`Define tenancy Acceptor as ${a.tenancy}`, "Endorse group peerers to manage local-peering-to in tenancy Acceptor"] }]);
    const decision = evaluate(w, r.users.peerers as Principal, permission("LOCAL_PEERING_GATEWAY_CONNECT_TO", a.compartments.shared ?? ""), "ConnectLocalPeeringGateways");
    expect(decision).toMatchObject({ allowed: false, grantedBy: [expect.objectContaining({ tenancyId: r.tenancy })] });
    expect(decision.reason).toContain(`an Admit in tenancy ${a.tenancy}`);
    expect(decision.reason).toContain("manage local-peering-to");
  });

  it("any-tenancy in an Endorse reaches every tenancy that admits the group", () => {
    const w = world();
    const r = org(w, "requestor", [], ["peerers"]);
    const a = org(w, "acceptor", ["shared"], []);
    install(w, [
      { tenancy: r.tenancy, statements: ["Endorse group peerers to manage local-peering-to in any-tenancy"] },
      { tenancy: a.tenancy, statements: [`Define tenancy Requestor as ${r.tenancy}`, `Define group peerers as ${r.groups.peerers}`, "Admit group peerers of tenancy Requestor to manage local-peering-to in tenancy"] },
    ]);
    expect(allowed(w, r.users.peerers as Principal, permission("LOCAL_PEERING_GATEWAY_CONNECT_TO", a.compartments.shared ?? ""))).toBe(true);
  });
});

describe("OCI policy validation (what createPolicy refuses)", () => {
  const w = world();
  const t = org(w, "corp", ["net", "apps"], ["netops"]);
  const root = { compartmentId: t.tenancy, tenancyId: t.tenancy };
  const inNet = { compartmentId: t.compartments.net ?? "", tenancyId: t.tenancy };

  it.each([
    ["a where condition on another variable", root, "Allow group netops to manage vcns in tenancy where target.vcn.name = 'x'", "evaluates only request.operation"],
    ["an unknown resource type", root, "Allow group netops to manage vpcs in tenancy", "'vpcs' is not a resource type or family"],
    ["a group that does not exist", root, "Allow group ghosts to manage vcns in tenancy", "The group ghosts specified in the policy statement does not exist"],
    ["a compartment name that does not exist below the policy", root, "Allow group netops to manage vcns in compartment nowhere", "The compartment nowhere specified in the policy statement does not exist"],
    ["a compartment outside the policy's subtree", inNet, `Allow group netops to manage vcns in compartment id ${t.compartments.apps ?? ""}`, "is not part of the policy compartment subtree"],
    ["'in tenancy' in a compartment's policy", inNet, "Allow group netops to manage vcns in tenancy", "needs a policy attached to the tenancy"],
    ["an Endorse in a compartment's policy", inNet, "Endorse group netops to manage vcns in any-tenancy", "must be attached to the tenancy"],
    ["an Admit naming the group without a Define", root, [`Define tenancy Other as ${t.tenancy}`, "Admit group netops of tenancy Other to manage vcns in tenancy"], "Admit names the other tenancy's group by an alias"],
    ["an undefined tenancy alias", root, "Endorse group netops to manage vcns in tenancy Nowhere", "the tenancy alias Nowhere is not defined"],
    ["a subject list", root, "Allow group netops, group other to manage vcns in tenancy", "lists several subjects"],
    ["a misspelt verb", root, "Allow group netops to administer vcns in tenancy", "has verb 'administer'"],
  ])("refuses %s", (_name, where, statements, message) => {
    expect(policyProblem(w, { ...where, statements: [statements].flat() })).toContain(message);
  });

  it("accepts statements OCI accepts: Define aliases, compartment paths, associate, conditions on the operation", () => {
    expect(
      policyProblem(w, {
        ...root,
        statements: [
          `Define tenancy Partner as ${t.tenancy}`,
          `Define group peerers as ${t.groups.netops}`,
          "Allow group netops to manage local-peering-from in compartment net",
          "Endorse group peerers to associate local-peering-gateways in compartment net with local-peering-gateways in tenancy Partner",
          "Admit group peerers of tenancy Partner to manage drg-attachment in tenancy where request.operation = 'CreateDrgAttachment'",
        ],
      }),
    ).toBeUndefined();
  });
});
