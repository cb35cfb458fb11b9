import type { IdentityClient } from "oci-identity";
import { ociIdentityClient, ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import type { OciUserCredentials } from "../src/oci/identity/tenancy-seed";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";

/** Every request is authorised by the caller's policies; what OCI answers otherwise is 404 NotAuthorizedOrNotFound. */
describe("OCI authorization by IAM policies (real SDKs)", () => {
  let h: Harness;
  let identity: IdentityClient;
  let tenancy: string;
  let operator: OciUserCredentials;
  const asOperator = () => ociVirtualNetworkClient({ endpoint: h.emulators.oci.endpoint, ...operator }, { maxAttempts: 1 });

  beforeAll(async () => {
    h = await startHarness();
    identity = ociIdentityClient(h.emulators.oci);
    tenancy = h.emulators.oci.tenancy;
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
    operator = await h.emulators.admin.createOciUser({ tenancy, name: "operator", groups: ["NetworkOperators"] });
  });

  let policies = 0;
  async function allow(...statements: string[]): Promise<void> {
    policies += 1;
    await identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: `policy-${policies}`, description: "test", statements } });
  }

  it("when a user has no policy, then reads and writes answer 404 NotAuthorizedOrNotFound and the journal names the missing permission", async () => {
    await expect(asOperator().listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
    await expect(asOperator().createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg" } })).rejects.toMatchObject({ statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
    const refused = await h.emulators.admin.journal({ cloud: "oci", principal: operator.user, status: 404 });
    expect(refused.map((entry) => [entry.op, entry.note])).toEqual([
      ["listVcns", expect.stringContaining("VCN_READ in compartment")],
      ["createDrg", expect.stringContaining("DRG_CREATE")],
    ]);
    expect(refused[1]?.note).toContain("manage drg-object");
    // Nothing was made.
    expect((await ociVirtualNetworkClient(h.emulators.oci).listDrgs({ compartmentId: COMPARTMENT })).items).toEqual([]);
  });

  it("when a policy grants a verb on a family in a parent compartment, then the user may do exactly that in its children", async () => {
    const child = await h.emulators.admin.createOciCompartment({ tenancy, parent: COMPARTMENT, path: "prod" });
    await allow("Allow group NetworkOperators to manage drgs in compartment test", "Allow group NetworkOperators to inspect vcns in tenancy");
    const drg = (await asOperator().createDrg({ createDrgDetails: { compartmentId: child, displayName: "drg-prod" } })).drg;
    expect(drg.compartmentId).toBe(child);
    expect((await asOperator().listVcns({ compartmentId: child })).items).toEqual([]);
    await expect(asOperator().createVcn({ createVcnDetails: { compartmentId: child, cidrBlocks: ["10.40.0.0/16"] } })).rejects.toMatchObject({ statusCode: 404 });
    await expect(asOperator().createDrg({ createDrgDetails: { compartmentId: tenancy, displayName: "drg-root" } })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when a resource is read by OCID, its own compartment decides, and an unknown compartment is 404 as for anyone", async () => {
    const admin = ociVirtualNetworkClient(h.emulators.oci);
    const other = await h.emulators.admin.createOciCompartment({ tenancy, path: "other" });
    const drg = (await admin.createDrg({ createDrgDetails: { compartmentId: other, displayName: "drg" } })).drg;
    await allow("Allow group NetworkOperators to read drgs in compartment test");
    await expect(asOperator().getDrg({ drgId: drg.id })).rejects.toMatchObject({ statusCode: 404 });
    await allow("Allow group NetworkOperators to read drgs in compartment other");
    expect((await asOperator().getDrg({ drgId: drg.id })).drg.id).toBe(drg.id);
    await expect(admin.createVcn({ createVcnDetails: { compartmentId: "ocid1.compartment.oc1..nosuchcompartment", cidrBlocks: ["10.40.0.0/16"] } })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when a grant is limited to an operation, then only that operation passes", async () => {
    await allow("Allow group NetworkOperators to manage drgs in tenancy where request.operation = 'CreateDrg'");
    const drg = (await asOperator().createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg" } })).drg;
    await expect(asOperator().deleteDrg({ drgId: drg.id })).rejects.toMatchObject({ statusCode: 404 });
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await ociVirtualNetworkClient(h.emulators.oci).getDrg({ drgId: drg.id })).drg.lifecycleState).toBe("AVAILABLE");
  });

  it("when policies are read and written through Identity, the same rules hold: managing policies needs 'manage policies'", async () => {
    const operatorIdentity = ociIdentityClient({ endpoint: h.emulators.oci.endpoint, ...operator }, { maxAttempts: 1 });
    const statements = ["Allow group NetworkOperators to manage vcns in tenancy"];
    await expect(operatorIdentity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "self-grant", description: "x", statements } })).rejects.toMatchObject({ statusCode: 404 });
    await allow("Allow group NetworkOperators to manage policies in tenancy", "Allow group NetworkOperators to inspect groups in tenancy");
    await operatorIdentity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "self-grant", description: "x", statements } });
    expect((await operatorIdentity.listGroups({ compartmentId: tenancy })).items.map((group) => group.name).sort()).toEqual(["Administrators", "NetworkOperators"]);
    expect((await asOperator().listVcns({ compartmentId: COMPARTMENT })).items).toEqual([]);
  });

  it("the admin API explains a decision and lists what every operation needs", async () => {
    await allow("Allow group NetworkOperators to manage local-peering-from in compartment test");
    expect(await h.emulators.admin.authorizeOci({ user: operator.user, permission: "LOCAL_PEERING_GATEWAY_CONNECT_FROM", compartmentId: COMPARTMENT })).toMatchObject({
      allowed: true,
      grantedBy: [{ statement: "Allow group NetworkOperators to manage local-peering-from in compartment test", tenancyId: tenancy }],
    });
    expect(await h.emulators.admin.authorizeOci({ user: operator.user, permission: "LOCAL_PEERING_GATEWAY_CONNECT_TO", compartmentId: COMPARTMENT })).toMatchObject({ allowed: false, reason: expect.stringContaining("manage local-peering-to") });
    const table = await h.emulators.admin.ociOperations();
    expect(table.find((row) => row.op === "connectLocalPeeringGateways")).toMatchObject({ needs: ["LOCAL_PEERING_GATEWAY_CONNECT_FROM resource:path.lpgId", "LOCAL_PEERING_GATEWAY_CONNECT_TO resource:body.peerId"] });
    expect(table.find((row) => row.op === "createPolicy")).toMatchObject({ needs: ["POLICY_CREATE compartment:body.compartmentId"] });
  });
});
