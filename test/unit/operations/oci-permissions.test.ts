import { type OciAccount, type OciAccountSource } from "../../../shared/clouds/oci/accounts";
import { type OciIdentityPort, type PolicyRecord } from "../../../shared/clouds/oci/identity";
import { type OciPeering } from "../../../shared/clouds/oci/peering";
import { peeringSuffix } from "../../../shared/domain/peered-vcn";
import { checkPermissions, planOrApplyPolicies, type Plan } from "../../../shared/operations/oci-permissions";

const TENANCY = "ocid1.tenancy.oc1..own";
const PARTNER = "ocid1.tenancy.oc1..partner";
const COMPARTMENT = "ocid1.compartment.oc1..net";
const GROUP = { id: "ocid1.group.oc1..interlink", name: "InterlinkNetwork" };

/** One tenancy's Identity in memory: its policies can be read, created and updated like OCI's. */
class FakeIdentity implements OciIdentityPort {
  policies: PolicyRecord[] = [];
  readable = true;
  signsAsUser = true;
  writes = 0;
  tenancyReads = 0;
  /** The groups the last groupsOf call was offered to name the user's groups with. */
  offeredGroups: ReadonlyArray<{ id: string; name: string }> | undefined;
  constructor(
    private readonly tenancyId: string,
    private readonly group = GROUP,
  ) {}
  principal() {
    return this.signsAsUser ? { tenancyId: this.tenancyId, userId: "ocid1.user.oc1..interlink" } : undefined;
  }
  async groupsOf(_tenancyId: string, _userId: string, listed?: () => Promise<ReadonlyArray<{ id: string; name: string }> | undefined>) {
    this.offeredGroups = listed ? await listed() : undefined;
    return [this.group];
  }
  async readTenancy(tenancyId: string) {
    this.tenancyReads += 1;
    if (!this.readable) throw Object.assign(new Error("Authorization failed or requested resource not found."), { statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
    return { tenancyId, compartments: [{ id: COMPARTMENT, name: "network", parentId: tenancyId }], groups: [this.group], policies: this.policies };
  }
  async findPolicy(compartmentId: string, name: string) {
    return this.policies.find((policy) => policy.compartmentId === compartmentId && policy.name === name) ?? null;
  }
  async createPolicy(policy: { compartmentId: string; name: string; description: string; statements: string[] }) {
    this.writes += 1;
    const record = { ...policy, id: `ocid1.policy.oc1..${this.policies.length}`, tenancyId: this.tenancyId, etag: "1" };
    this.policies.push(record);
    return record;
  }
  async updatePolicy(policyId: string, statements: string[]) {
    this.writes += 1;
    const record = this.policies.find((policy) => policy.id === policyId);
    if (!record) throw new Error("no such policy");
    record.statements = statements;
    return record;
  }
  async subscribedRegions() {
    return ["us-ashburn-1"];
  }
}

function accounts(own: FakeIdentity, others: Record<string, FakeIdentity> = {}, vcnReads: string[] = []): OciAccountSource {
  const network = { getVcn: async (vcnId: string) => (vcnReads.push(vcnId), { id: vcnId, compartmentId: COMPARTMENT, cidrBlocks: [], defaultRouteTableId: "rt", defaultSecurityListId: "sl" }) } as unknown as OciPeering;
  const account = (tenancyId: string, identity: FakeIdentity): OciAccount => ({ tenancyId, identity, network: () => network });
  return {
    own: async () => account(TENANCY, own),
    forTenancy: async (tenancyId) => (tenancyId === undefined || tenancyId === TENANCY ? account(TENANCY, own) : others[tenancyId] ? account(tenancyId, others[tenancyId]) : undefined),
  };
}

const plan = (peeredVcns: Plan["oci"]["peeredVcns"] = []): Plan => ({ name: "erp-link", oci: { region: "us-ashburn-1", compartmentId: COMPARTMENT, vcnId: "ocid1.vcn.oc1.iad.hub", peeredVcns } });
const NETWORK_STATEMENT = `Allow group InterlinkNetwork to manage virtual-network-family in compartment id ${COMPARTMENT}`;

describe("the permission preflight and the policy apply", () => {
  it("when the check runs, then the tenancy is read once and its groups name Interlink's, and a VCN compartment the caller has just read is not read again", async () => {
    const identity = new FakeIdentity(TENANCY);
    const vcnReads: string[] = [];
    expect(await checkPermissions(accounts(identity, {}, vcnReads), { ...plan(), vcnCompartmentId: COMPARTMENT })).toMatchObject({ identity: { groups: [GROUP.name] } });
    expect(identity.tenancyReads).toBe(1);
    expect(identity.offeredGroups).toEqual([GROUP]);
    expect(vcnReads).toEqual([]);
    await checkPermissions(accounts(identity, {}, vcnReads), plan());
    expect(vcnReads).toEqual(["ocid1.vcn.oc1.iad.hub"]);
  });

  it("when the tenancy's policies cannot be read, then Interlink's groups are named without them and the check warns once", async () => {
    const identity = new FakeIdentity(TENANCY);
    identity.readable = false;
    const report = await checkPermissions(accounts(identity), plan());
    expect(identity.offeredGroups).toBeUndefined();
    expect(identity.tenancyReads).toBe(1);
    expect(report.warnings).toEqual([expect.stringContaining("could not be read")]);
  });

  it("when no policy grants the interconnect's statement, then it is missing with its policy and place, and apply makes the check pass", async () => {
    const identity = new FakeIdentity(TENANCY);
    const before = await checkPermissions(accounts(identity), plan());
    expect(before).toMatchObject({ allowed: false, problems: [], missing: [{ tenancyId: TENANCY, compartmentId: TENANCY, policyName: "interlink-erp-link-network", statements: [NETWORK_STATEMENT] }] });
    expect(identity.writes).toBe(0);

    const applied = await planOrApplyPolicies(accounts(identity), plan(), { operationId: "op-1" });
    expect(applied.changes).toEqual([expect.objectContaining({ policyName: "interlink-erp-link-network", action: "create", add: [NETWORK_STATEMENT], keep: 0 })]);
    expect(await checkPermissions(accounts(identity), plan())).toMatchObject({ allowed: true, missing: [], checked: 1 });
    expect((await planOrApplyPolicies(accounts(identity), plan(), undefined)).changes.map((change) => change.action)).toEqual(["unchanged"]);
  });

  it("when a policy of that name holds statements Interlink did not write, then apply adds its own and keeps every other", async () => {
    const identity = new FakeIdentity(TENANCY);
    identity.policies.push({ id: "ocid1.policy.oc1..mine", name: "interlink-erp-link-network", description: "", tenancyId: TENANCY, compartmentId: TENANCY, statements: ["Allow group Auditors to inspect vcns in tenancy"], etag: "1" });
    const planned = await planOrApplyPolicies(accounts(identity), plan(), undefined);
    expect(planned).toMatchObject({ applied: false, changes: [{ action: "update", add: [NETWORK_STATEMENT], keep: 1 }] });
    expect(identity.writes).toBe(0);
    await planOrApplyPolicies(accounts(identity), plan(), { operationId: "op-2" });
    expect(identity.policies[0]?.statements).toEqual(["Allow group Auditors to inspect vcns in tenancy", NETWORK_STATEMENT]);
  });

  it("when a peered VCN lives in a tenancy Interlink holds no key for, then the check names the field and apply writes nothing", async () => {
    const identity = new FakeIdentity(TENANCY);
    const peers = [{ kind: "local" as const, vcnId: "ocid1.vcn.oc1.iad.peer", tenancyId: PARTNER, cidrs: ["10.40.0.0/16"] }];
    expect(await checkPermissions(accounts(identity), plan(peers))).toMatchObject({ allowed: false, problems: [{ path: "oci.peeredVcns[0].tenancyId", message: expect.stringContaining("OCI_TENANCY_CREDENTIALS") }] });
    expect(await planOrApplyPolicies(accounts(identity), plan(peers), { operationId: "op-3" })).toMatchObject({ applied: false });
    expect(identity.writes).toBe(0);
  });

  it("when the peered VCN is in another tenancy, then the Endorse half belongs to Interlink's tenancy and the Admit half to the other, each checked where it lives", async () => {
    const identity = new FakeIdentity(TENANCY);
    const partner = new FakeIdentity(PARTNER, { id: "ocid1.group.oc1..partneradmins", name: "Administrators" });
    partner.policies.push({ id: "p0", name: "Tenant Admin Policy", description: "", tenancyId: PARTNER, compartmentId: PARTNER, statements: ["ALLOW GROUP Administrators to manage all-resources IN TENANCY"], etag: "1" });
    const peers = [{ kind: "local" as const, vcnId: "ocid1.vcn.oc1.iad.peer", tenancyId: PARTNER, cidrs: ["10.40.0.0/16"] }];
    const SUFFIX = peeringSuffix("ocid1.vcn.oc1.iad.peer");
    const report = await checkPermissions(accounts(identity, { [PARTNER]: partner }), plan(peers));
    const where = Object.fromEntries(report.missing.map((entry) => [entry.policyName, entry.tenancyId]));
    expect(where).toEqual({ "interlink-erp-link-network": TENANCY, [`interlink-erp-link-local-peering-requestor-${SUFFIX}`]: TENANCY, [`interlink-erp-link-local-peering-acceptor-${SUFFIX}`]: PARTNER });
    const acceptor = report.missing.find((entry) => entry.tenancyId === PARTNER);
    expect(acceptor?.statements.filter((statement) => statement.startsWith("Admit"))).toHaveLength(2);

    await planOrApplyPolicies(accounts(identity, { [PARTNER]: partner }), plan(peers), { operationId: "op-4" });
    expect(await checkPermissions(accounts(identity, { [PARTNER]: partner }), plan(peers))).toMatchObject({ allowed: true, missing: [] });
    partner.policies = partner.policies.filter((policy) => policy.name !== `interlink-erp-link-local-peering-acceptor-${SUFFIX}`);
    const withoutAdmit = await checkPermissions(accounts(identity, { [PARTNER]: partner }), plan(peers));
    expect(withoutAdmit.missing.map((entry) => entry.policyName)).toEqual([`interlink-erp-link-local-peering-acceptor-${SUFFIX}`]);
  });

  it("when Interlink may not read a tenancy's policies, then what belongs there is not checked and the report says why", async () => {
    const identity = new FakeIdentity(TENANCY);
    identity.readable = false;
    const report = await checkPermissions(accounts(identity), plan());
    expect(report).toMatchObject({ allowed: true, checked: 0, missing: [], warnings: [expect.stringContaining("inspect policies")] });
  });

  it("when Interlink signs as an instance principal, then nothing is checked or written and both answers say why", async () => {
    const identity = new FakeIdentity(TENANCY);
    identity.signsAsUser = false;
    expect(await checkPermissions(accounts(identity), plan())).toMatchObject({ allowed: true, checked: 0, warnings: [expect.stringContaining("dynamic groups")] });
    expect(await planOrApplyPolicies(accounts(identity), plan(), { operationId: "op-5" })).toMatchObject({ applied: false, problems: [{ path: "oci" }] });
    expect(identity.writes).toBe(0);
  });
});
