import { planTopologyChange } from "../../../shared/domain/change-plan";
import { peeringSuffix } from "../../../shared/domain/peered-vcn";
import { parseWith } from "../../../shared/domain/problem";
import { EditRequest, withTopology } from "../../../shared/domain/requests";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { topologyChangeProblems } from "../../../shared/domain/topology-change";
import { designRequest } from "../../support/requests";

const LOCAL = { kind: "local" as const, vcnId: "ocid1.vcn.oc1.iad.lpg", cidrs: ["10.40.0.0/16"] };
const ATTACHED = { kind: "drg" as const, vcnId: "ocid1.vcn.oc1.iad.att", cidrs: ["10.42.0.0/16"] };
const KEPT = { vcnId: "ocid1.vcn.oc1.iad.kept", cidrs: ["10.30.0.0/16"] };
const [T1, T2] = ["ocid1.routetable.oc1.iad.one", "ocid1.routetable.oc1.iad.two"];

const current = SetupRequest.parse(
  designRequest((request) => {
    request.oci.peeredVcns = [LOCAL, KEPT];
    request.oci.routeTableId = T1;
    request.azure.appSubnets = ["app", "db"];
  }),
);
/** The stored spec after a PATCH body, as the HTTP handler builds it. */
const changed = (edit: unknown) => {
  const parsed = parseWith(EditRequest, edit);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return SetupRequest.parse(withTopology(current, parsed.value));
};
const names = (resources: Array<{ kind: string; name: string }> | undefined) => (resources ?? []).map((resource) => `${resource.kind} ${resource.name}`);

describe("the plan of a topology change of peered VCNs, VCN route tables and app subnets", () => {
  const next = changed({ oci: { peeredVcns: [KEPT, ATTACHED], routeTableIds: [T1, T2] }, azure: { appSubnets: ["app", "web"] } });
  const plan = planTopologyChange(current, next);
  const step = (id: string) => plan.steps.find((candidate) => candidate.id === id);

  it("when a single route table becomes a list, then oci.routeTableId gives way to oci.routeTableIds and the rest of the spec stays", () => {
    expect([next.oci.routeTableId, next.oci.routeTableIds]).toEqual([undefined, [T1, T2]]);
    expect({ ...next, oci: { ...next.oci, routeTableIds: undefined, peeredVcns: [] }, azure: { ...next.azure, appSubnets: [] } }).toEqual({
      ...current,
      oci: { ...current.oci, routeTableId: undefined, peeredVcns: [] },
      azure: { ...current.azure, appSubnets: [] },
    });
  });

  it("when a VCN is added and another removed, then only the added one is built and only the removed one is taken apart, by names that do not depend on list positions", () => {
    const added = peeringSuffix(ATTACHED.vcnId);
    const gone = peeringSuffix(LOCAL.vcnId);
    expect(names(step("peer-vcns")?.add)).toEqual([`drgAttachment erp-db-link-${added}-attachment`, `routeRules the default route table of ${ATTACHED.vcnId}`]);
    expect(names(step("unpeer-vcns")?.remove)).toEqual([
      `routeRules the default route table of ${LOCAL.vcnId}`,
      `localPeeringGateway erp-db-link-${gone}-lpg`,
      `localPeeringGateway erp-db-link-${gone}-lpg`,
      `routeTable erp-db-link-${gone}-lpg-rt`,
    ]);
    expect(step("unpeer-vcns")?.remove[0]?.properties).toMatchObject({ remove: `rules marked interlink:erp-db-link:${gone}` });
    // The kept VCN (no kind) is neither built nor removed; the removed local VCN's CIDR is no longer advertised.
    expect(JSON.stringify(plan)).not.toContain(peeringSuffix(KEPT.vcnId));
    expect(names(step("routing")?.remove)).toContain("drgRouteRule ocid1.drg.oc1.iad.aaaa (virtual-circuit route table): 10.40.0.0/16");
    expect(names(step("routing")?.add).filter((name) => name.startsWith("drgRouteRule"))).toEqual([]);
  });

  it("when a route table and an app subnet are added and another app subnet removed, then the added table gets every Azure range, the subnets are associated or let go", () => {
    expect(names(step("routing")?.add)).toEqual([`routeRule ${T2}: 10.10.0.0/16`, "subnet vnet-app/web"]);
    expect(names(step("routing")?.remove)).toEqual(["drgRouteRule ocid1.drg.oc1.iad.aaaa (virtual-circuit route table): 10.40.0.0/16", "subnet vnet-app/db"]);
    expect(step("routing")?.remove[1]?.properties).toMatchObject({ networkSecurityGroup: "let go of erp-db-link-nsg" });
    expect(names(step("security")?.add)).toContain("subnet vnet-app/web");
    expect(plan.unchanged).toEqual(expect.arrayContaining(["ExpressRoute circuit erp-db-link-erc", "FastConnect virtual circuit erp-db-link-vc", "both BGP sessions"]));
  });

  it("when a route table is removed, then it loses every range of Interlink's and kept tables are not touched", () => {
    const fewer = planTopologyChange(next, SetupRequest.parse(withTopology(next, { oci: { routeTableIds: [T2] } })));
    expect(names(fewer.steps.find((candidate) => candidate.id === "routing")?.remove)).toEqual([`routeRule ${T1}: 10.10.0.0/16`]);
    expect(fewer.steps.flatMap((candidate) => candidate.add)).toEqual([]);
  });

  it("when nothing but the traffic changes, then no peering, table or subnet appears in the plan", () => {
    const traffic = planTopologyChange(current, changed({ traffic: [{ from: "azure", to: "oci", protocol: "tcp", ports: "443" }] }));
    for (const id of ["peer-vcns", "unpeer-vcns", "routing", "peer-spokes", "unpeer-spokes"]) expect(traffic.steps.find((candidate) => candidate.id === id)).toMatchObject({ add: [], remove: [] });
  });
});

describe("the rules of a topology change", () => {
  it("when a kept peered VCN changes its settings, then the change is refused naming the entry", () => {
    const next = changed({ oci: { peeredVcns: [{ ...LOCAL, kind: "drg" }, KEPT] } });
    expect(topologyChangeProblems(current, next)).toEqual([{ path: "oci.peeredVcns[0]", message: expect.stringContaining("is peered already with other settings") }]);
    expect(topologyChangeProblems(current, changed({ oci: { peeredVcns: [KEPT, LOCAL] } }))).toEqual([]);
  });

  it("when an edit names a side without a field, or mixes bandwidth with topology, then it is refused naming the field", () => {
    const empty = parseWith(EditRequest, { oci: {} });
    expect(!empty.ok && empty.errors).toEqual([{ path: "oci", message: "must change oci.peeredVcns or oci.routeTableIds" }]);
    const mixed = parseWith(EditRequest, { bandwidthMbps: 2000, azure: { appSubnets: ["app"] } });
    expect(!mixed.ok && mixed.errors[0]?.path).toBe("bandwidthMbps");
    const badPeer = parseWith(EditRequest, { oci: { peeredVcns: [{ kind: "local", cidrs: ["10.40.0.0/16"] }] } });
    expect(!badPeer.ok && badPeer.errors[0]?.path).toBe("oci.peeredVcns[0].vcnId");
  });

  it("when the changed spec breaks a setup rule, then the setup schema names the field", () => {
    const overlapping = SetupRequest.safeParse(withTopology(current, { oci: { peeredVcns: [{ vcnId: "ocid1.vcn.oc1.iad.new", cidrs: ["10.10.1.0/24"] }] } }));
    expect(overlapping.success).toBe(false);
    expect(overlapping.error?.issues.map((issue) => issue.path.join("."))).toContain("oci.peeredVcns.0.cidrs.0");
  });
});
