import { generateKeyPairSync } from "node:crypto";
import type { IdentityClient } from "oci-identity";
import { ociIdentityClient, ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import { fingerprintOf } from "../src/oci/credentials";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";

/** The Identity service through the real oci-identity IdentityClient. */
describe("OCI Identity through oci-identity IdentityClient", () => {
  let h: Harness;
  let identity: IdentityClient;
  let tenancy: string;
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
  });

  it("when compartments are created as a tree, then they list by parent or the whole subtree, and names are unique among siblings", async () => {
    const network = (await identity.createCompartment({ createCompartmentDetails: { compartmentId: tenancy, name: "network", description: "networks" } })).compartment;
    expect(network).toMatchObject({ compartmentId: tenancy, name: "network", lifecycleState: "ACTIVE", id: expect.stringMatching(/^ocid1\.compartment\.oc1\.\./) });
    const prod = (await identity.createCompartment({ createCompartmentDetails: { compartmentId: network.id, name: "prod", description: "production" } })).compartment;
    expect((await identity.getCompartment({ compartmentId: prod.id })).compartment).toMatchObject({ compartmentId: network.id, name: "prod" });
    expect((await identity.listCompartments({ compartmentId: tenancy })).items.map((item) => item.name).sort()).toEqual(["network", "test"]);
    expect((await identity.listCompartments({ compartmentId: tenancy, compartmentIdInSubtree: true, sortBy: "NAME" as never })).items.map((item) => item.name)).toEqual(["network", "prod", "test"]);
    await expect(identity.createCompartment({ createCompartmentDetails: { compartmentId: network.id, name: "PROD", description: "again" } })).rejects.toMatchObject({ statusCode: 409, serviceCode: "CompartmentAlreadyExists" });
    await expect(identity.listCompartments({ compartmentId: network.id, compartmentIdInSubtree: true })).rejects.toMatchObject({ statusCode: 400 });
    const renamed = await identity.updateCompartment({ compartmentId: prod.id, updateCompartmentDetails: { name: "production" } });
    expect(renamed.compartment.name).toBe("production");
  });

  it("when a compartment still holds something it cannot be deleted; once empty it is DELETING, then DELETED, and nothing more can be made in it", async () => {
    const network = (await identity.createCompartment({ createCompartmentDetails: { compartmentId: tenancy, name: "network", description: "networks" } })).compartment;
    const oci = ociVirtualNetworkClient(h.emulators.oci);
    const drg = (await oci.createDrg({ createDrgDetails: { compartmentId: network.id, displayName: "drg" } })).drg;
    await expect(identity.deleteCompartment({ compartmentId: network.id })).rejects.toMatchObject({ statusCode: 409 });
    await oci.deleteDrg({ drgId: drg.id });
    await h.emulators.admin.advanceClock(MINUTE);
    await identity.deleteCompartment({ compartmentId: network.id });
    expect((await identity.getCompartment({ compartmentId: network.id })).compartment.lifecycleState).toBe("DELETING");
    await h.emulators.admin.advanceClock(6 * MINUTE);
    expect((await identity.getCompartment({ compartmentId: network.id })).compartment.lifecycleState).toBe("DELETED");
    await expect(oci.createDrg({ createDrgDetails: { compartmentId: network.id, displayName: "drg" } })).rejects.toMatchObject({ statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
    await expect(identity.deleteCompartment({ compartmentId: tenancy })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("when a user is given an API key and a group, then it signs requests with that key; removing the key makes them 401", async () => {
    const user = (await identity.createUser({ createUserDetails: { compartmentId: tenancy, name: "automation", description: "Interlink" } })).user;
    await expect(identity.createUser({ createUserDetails: { compartmentId: tenancy, name: "automation", description: "again" } })).rejects.toMatchObject({ statusCode: 409 });
    await expect(identity.createUser({ createUserDetails: { compartmentId: COMPARTMENT, name: "elsewhere", description: "x" } })).rejects.toMatchObject({ statusCode: 400 });
    const group = (await identity.createGroup({ createGroupDetails: { compartmentId: tenancy, name: "NetworkAdmins", description: "network" } })).group;
    const membership = (await identity.addUserToGroup({ addUserToGroupDetails: { userId: user.id, groupId: group.id } })).userGroupMembership;
    expect(membership).toMatchObject({ userId: user.id, groupId: group.id, lifecycleState: "ACTIVE" });
    expect((await identity.listUserGroupMemberships({ compartmentId: tenancy, userId: user.id })).items.map((item) => item.groupId)).toEqual([group.id]);

    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const publicKeyPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    const key = (await identity.uploadApiKey({ userId: user.id, createApiKeyDetails: { key: publicKeyPem } })).apiKey;
    expect(key).toMatchObject({ fingerprint: fingerprintOf(publicKeyPem), keyId: `${tenancy}/${user.id}/${fingerprintOf(publicKeyPem)}`, lifecycleState: "ACTIVE" });
    await identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "network-admins", description: "x", statements: ["Allow group NetworkAdmins to manage virtual-network-family in tenancy"] } });
    const signer = { tenancy, user: user.id, fingerprint: key.fingerprint ?? "", privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
    const asUser = ociVirtualNetworkClient({ endpoint: h.emulators.oci.endpoint, ...signer }, { maxAttempts: 1 });
    expect((await asUser.listVcns({ compartmentId: COMPARTMENT })).items).toEqual([]);
    // Users manage their own keys without a policy.
    expect((await ociIdentityClient({ endpoint: h.emulators.oci.endpoint, ...signer }).listApiKeys({ userId: user.id })).items.map((item) => item.fingerprint)).toEqual([key.fingerprint]);

    await identity.deleteApiKey({ userId: user.id, fingerprint: key.fingerprint ?? "" });
    await expect(asUser.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401, serviceCode: "NotAuthenticated" });
    await expect(identity.deleteGroup({ groupId: group.id })).rejects.toMatchObject({ statusCode: 409 });
    await identity.removeUserFromGroup({ userGroupMembershipId: membership.id });
    await identity.deleteGroup({ groupId: group.id });
    await identity.deleteUser({ userId: user.id });
    await expect(identity.getUser({ userId: user.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when policies are written, they are checked, unique by name in their compartment, versioned by etag, and deletable", async () => {
    const created = await identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "peering", description: "peering", statements: ["Allow group Administrators to manage local-peering-from in tenancy"] } });
    expect(created.policy).toMatchObject({ name: "peering", compartmentId: tenancy, lifecycleState: "ACTIVE", statements: ["Allow group Administrators to manage local-peering-from in tenancy"] });
    await expect(identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "peering", description: "again", statements: ["Allow group Administrators to inspect vcns in tenancy"] } })).rejects.toMatchObject({
      statusCode: 409,
      serviceCode: "PolicyAlreadyExists",
      message: "Policy 'peering' already exists",
    });
    await expect(identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "bad", description: "x", statements: ["Allow group NoSuchGroup to manage vcns in tenancy"] } })).rejects.toMatchObject({
      statusCode: 400,
      serviceCode: "InvalidParameter",
      message: expect.stringContaining("The group NoSuchGroup specified in the policy statement does not exist"),
    });
    await expect(identity.createPolicy({ createPolicyDetails: { compartmentId: COMPARTMENT, name: "cross", description: "x", statements: ["Endorse group Administrators to manage vcns in any-tenancy"] } })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("must be attached to the tenancy"),
    });
    const updated = await identity.updatePolicy({ policyId: created.policy.id, ifMatch: created.etag ?? "", updatePolicyDetails: { statements: ["Allow group Administrators to manage local-peering-to in tenancy"] } });
    expect(updated.policy.statements).toEqual(["Allow group Administrators to manage local-peering-to in tenancy"]);
    await expect(identity.updatePolicy({ policyId: created.policy.id, ifMatch: created.etag ?? "", updatePolicyDetails: { description: "stale" } })).rejects.toMatchObject({ statusCode: 412, serviceCode: "NoEtagMatch" });
    expect((await identity.listPolicies({ compartmentId: tenancy, name: "peering" })).items.map((item) => item.id)).toEqual([created.policy.id]);
    expect((await identity.listPolicies({ compartmentId: tenancy })).items.map((item) => item.name)).toEqual(["Tenant Admin Policy", "peering"]);
    await identity.deletePolicy({ policyId: created.policy.id });
    await expect(identity.getPolicy({ policyId: created.policy.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when a tenancy subscribes to a region it is IN_PROGRESS until READY; requests there are 401 before, and Identity writes outside the home region are 403", async () => {
    expect((await identity.getTenancy({ tenancyId: tenancy })).tenancy).toMatchObject({ id: tenancy, homeRegionKey: "IAD" });
    expect((await identity.listRegionSubscriptions({ tenancyId: tenancy })).items).toEqual([{ regionKey: "IAD", regionName: "us-ashburn-1", status: "READY", isHomeRegion: true }]);
    const phoenix = ociVirtualNetworkClient(h.emulators.oci, { region: "us-phoenix-1", maxAttempts: 1 });
    await expect(phoenix.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401, serviceCode: "NotAuthenticated" });
    const subscribed = await identity.createRegionSubscription({ tenancyId: tenancy, createRegionSubscriptionDetails: { regionKey: "PHX" } });
    expect(subscribed.regionSubscription).toMatchObject({ regionName: "us-phoenix-1", status: "IN_PROGRESS", isHomeRegion: false });
    await expect(phoenix.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401 });
    await h.emulators.admin.advanceClock(6 * MINUTE);
    expect((await phoenix.listVcns({ compartmentId: COMPARTMENT })).items).toEqual([]);
    expect((await h.emulators.admin.journal({ cloud: "oci", auth: "region-not-subscribed" })).length).toBe(2);

    const phoenixIdentity = ociIdentityClient(h.emulators.oci, { region: "us-phoenix-1", maxAttempts: 1 });
    expect((await phoenixIdentity.getCompartment({ compartmentId: COMPARTMENT })).compartment.name).toBe("test");
    await expect(phoenixIdentity.createCompartment({ createCompartmentDetails: { compartmentId: tenancy, name: "west", description: "x" } })).rejects.toMatchObject({
      statusCode: 403,
      serviceCode: "NotAllowed",
      message: "Please go to your home region IAD to execute CREATE, UPDATE and DELETE operations.",
    });
  });
});
