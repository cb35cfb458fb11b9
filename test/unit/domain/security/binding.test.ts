import { planSetup, validateSetup } from "../../../../shared/domain/dry-run";
import { spokeSubnetChanges } from "../../../../shared/domain/requests";
import { SetupRequest, type SetupRequestInput } from "../../../../shared/domain/setup-request";
import { newlyUnboundProblems, ruleBindings, unboundRuleProblems } from "../../../../shared/domain/security/binding";
import { boundRequest, designRequest } from "../../../support/requests";

const SUBNET = "ocid1.subnet.oc1.iad.aaaa";
const VNIC = "ocid1.vnic.oc1.iad.aaaa";
const unbound = (change?: (request: SetupRequestInput) => void) =>
  designRequest((request) => {
    request.options = { ...request.options, allowUnboundRules: false };
    change?.(request);
  });
const pathsOf = (input: unknown) => {
  const valid = validateSetup(input);
  return valid.ok ? [] : valid.problem.errors.map((error) => error.path);
};

describe("security rules that bind", () => {
  it("when a new request binds its rules on neither side, then it is refused naming azure.appSubnets and oci.subnetIds and the traffic rules", () => {
    const refused = validateSetup(unbound((request) => request.traffic.push({ from: "oci", to: "azure", protocol: "icmp" })));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem.errors).toEqual([
      { path: "azure.appSubnets", message: expect.stringContaining("the security rules of traffic[0] to traffic[1] would protect no Azure subnet") },
      { path: "oci.subnetIds", message: expect.stringContaining("would protect no OCI subnet or VNIC: NSG erp-db-link-nsg would hold no VNIC") },
    ]);
  });

  it("when each side names something its rules protect, then the request is valid: app subnets, spoke subnets or an existing NSG on Azure; subnets, VNICs or a security list on OCI", () => {
    expect(pathsOf(boundRequest())).toEqual([]);
    expect(pathsOf(unbound((request) => ((request.azure.networkSecurityGroup = "nsg-app"), (request.oci.vnicIds = [VNIC]))))).toEqual([]);
    const spokes = unbound((request) => {
      request.azure.spokes = [{ resourceGroup: "rg-spokes", vnet: { name: "vnet-web" }, subnets: ["web"] }];
      request.oci.security = { mode: "securityList", securityListId: "ocid1.securitylist.oc1.iad.aaaa" };
    });
    expect(pathsOf(spokes)).toEqual([]);
    expect(pathsOf(unbound((request) => (request.oci.subnetIds = [SUBNET])))).toEqual(["azure.appSubnets"]);
  });

  it("when options.allowUnboundRules is set, then the request is valid and the plan warns per unbound side", () => {
    const plan = planSetup(designRequest((request) => (request.azure.appSubnets = ["app"])));
    expect(plan.ok && plan.value.warnings.filter((warning) => warning.includes("options.allowUnboundRules"))).toEqual([
      "The security rules protect no OCI subnet or VNIC (options.allowUnboundRules): NSG erp-db-link-nsg holds no VNIC, so its rules filter nothing until you add VNICs to it.",
    ]);
    const bound = planSetup(boundRequest());
    expect(bound.ok && bound.value.warnings.some((warning) => warning.includes("options.allowUnboundRules"))).toBe(false);
  });

  it("when the plan is made, then each traffic rule lists what it protects on both sides, and the security step binds and teardown unbinds each", () => {
    const request = SetupRequest.parse(
      boundRequest((r) => {
        r.oci.vnicIds = [VNIC];
        r.azure.spokes = [{ resourceGroup: "rg-spokes", vnet: { name: "vnet-web", addressSpaces: ["10.11.0.0/16"] }, subnets: ["web"] }];
        r.traffic.push({ from: "oci", to: "azure", protocol: "udp", ports: "53" });
      }),
    );
    expect(ruleBindings(request)).toEqual([
      {
        rule: "traffic[0] azure -> oci tcp 1521",
        azure: ["subnet vnet-app/app (NSG erp-db-link-nsg)", "subnet vnet-web/web (its NSG, or erp-db-link-vnet-web-nsg when it has none)"],
        oci: [`subnet ${SUBNET} (its first security list, and every other subnet using that list)`, `VNIC ${VNIC} (in NSG erp-db-link-nsg)`],
      },
      expect.objectContaining({ rule: "traffic[1] oci -> azure udp 53" }),
    ]);
    const plan = planSetup(request);
    expect(plan.ok && plan.value.ruleBindings).toEqual(ruleBindings(request));
    const security = plan.ok ? plan.value.setup.find((step) => step.id === "security")?.resources.map((resource) => `${resource.kind} ${resource.name} ${resource.action}`) : [];
    expect(security).toEqual(expect.arrayContaining([`subnetSecurityList ${SUBNET} update`, `vnic ${VNIC} update`, "subnetNetworkSecurityGroup vnet-web/web update"]));
    const stop = plan.ok ? plan.value.teardown.find((step) => step.id === "stop-traffic")?.resources.filter((resource) => resource.kind === "vnic") : [];
    expect(stop).toEqual([expect.objectContaining({ name: VNIC, properties: { nsgIds: "remove erp-db-link-nsg" } })]);
  });

  it("when binding fields repeat or VNICs come with a security list, then the schema names the field (stored records without bindings still parse)", () => {
    const parsed = SetupRequest.safeParse(
      boundRequest((r) => {
        r.oci.subnetIds = [SUBNET, SUBNET];
        r.oci.vnicIds = [VNIC];
        r.oci.security = { mode: "securityList", securityListId: "ocid1.securitylist.oc1.iad.aaaa" };
        r.azure.spokes = [{ resourceGroup: "rg-spokes", vnet: { name: "vnet-web" }, subnets: ["web", "web"] }];
      }),
    );
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."))).toEqual(["oci.subnetIds.1", "azure.spokes.0.subnets.1", "oci.vnicIds"]);
    const stored = SetupRequest.parse(unbound());
    expect([stored.oci.subnetIds, stored.oci.vnicIds, unboundRuleProblems(stored).length]).toEqual([[], [], 2]);
  });

  it("when a PATCH would change the subnets bound on a spoke, add a bound spoke or remove one, then it is refused naming the field; other spoke changes pass", () => {
    const spec = SetupRequest.parse(boundRequest((r) => (r.azure.spokes = [{ resourceGroup: "rg-spokes", vnet: { name: "vnet-web" }, subnets: ["web"] }])));
    const web = { resourceGroup: "rg-spokes", vnet: { name: "vnet-web" }, allowForwardedTraffic: false };
    const api = { resourceGroup: "rg-spokes", vnet: { name: "vnet-api" }, allowForwardedTraffic: false };
    expect(spokeSubnetChanges(spec, { azure: { spokes: [{ ...web, subnets: ["web"] }, { ...api, subnets: [] }] } })).toEqual([]);
    expect(spokeSubnetChanges(spec, { azure: { spokes: [{ ...web, subnets: ["web", "db"] }] } }).map((error) => error.path)).toEqual(["azure.spokes[0].subnets"]);
    expect(spokeSubnetChanges(spec, { azure: { spokes: [{ ...web, subnets: ["web"] }, { ...api, subnets: ["app"] }] } }).map((error) => error.path)).toEqual(["azure.spokes[1].subnets"]);
    expect(spokeSubnetChanges(spec, { azure: { spokes: [{ ...api, subnets: [] }] } })).toEqual([{ path: "azure.spokes", message: expect.stringContaining("removing spoke vnet-web") }]);
  });

  it("when a change would leave a bound side protecting nothing, then it is refused naming the field; a side unbound before (allowed) stays allowed", () => {
    const current = SetupRequest.parse(boundRequest());
    const next = SetupRequest.parse(boundRequest((r) => (r.azure.appSubnets = [])));
    expect(newlyUnboundProblems(current, next).map((problem) => problem.path)).toEqual(["azure.appSubnets"]);
    const allowed = SetupRequest.parse(boundRequest((r) => ((r.azure.appSubnets = []), (r.options = { ...r.options, allowUnboundRules: true }))));
    expect(newlyUnboundProblems(current, allowed)).toEqual([]);
    const recorded = SetupRequest.parse(unbound());
    expect(newlyUnboundProblems(recorded, SetupRequest.parse(unbound((r) => (r.traffic = [{ from: "azure", to: "oci", protocol: "tcp", ports: "443" }]))))).toEqual([]);
  });
});
