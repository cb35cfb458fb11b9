import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CloudEmulators, DEMO, ociIdentityClient, ociVirtualNetworkClient, type OciTenancyCredentials, seedDemoNetworks, startCloudEmulators } from "@interlink/cloud-emulators";
import { type IdentityClient } from "oci-identity";
import { createClouds } from "../../shared/clouds/clients";
import { classifyCloudError } from "../../shared/clouds/errors";
import { parseSettings } from "../../shared/config/settings";
import { generatePolicies } from "../../shared/domain/iam";
import { emulatorAppSettings } from "../support/app-settings";

const PHOENIX = "us-phoenix-1";
const TAGS = { interlink: "contract-iam" };

/**
 * What the OCI emulator's Identity, authorization and regions look like to Interlink: its production OCI client
 * (createClouds) signing as different users and pointed at different regions, and the real oci-identity SDK.
 */
describe("OCI Identity, policies and regions against the OCI emulator (real oci-core and oci-identity)", () => {
  let emulators: CloudEmulators;
  let stateDir: string;
  let identity: IdentityClient;
  let partner: OciTenancyCredentials;

  const appSettings = (overrides: Record<string, string>) => parseSettings({ ...emulatorAppSettings(emulators, "UseDevelopmentStorage=true"), OCI_MAX_REQUESTS_PER_SECOND: "1000", ...overrides });
  /** Interlink's own OCI client, signing as a user of the emulator instead of with the config file. */
  const interlinkAs = (user: { tenancy: string; user: string; fingerprint: string; privateKeyPem?: string }, endpoint = emulators.oci.endpoint) =>
    createClouds(appSettings({ OCI_ENDPOINT: endpoint, OCI_CONFIG_FILE: "", OCI_TENANCY_OCID: user.tenancy, OCI_USER_OCID: user.user, OCI_FINGERPRINT: user.fingerprint, OCI_PRIVATE_KEY: user.privateKeyPem ?? "" }));

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-contract-iam-"));
    emulators = await startCloudEmulators({ azurePort: 0, ociPort: 0, timeScale: 0, stateDir, ociRegions: [PHOENIX], ociTenancies: [DEMO.partner] });
    await seedDemoNetworks(emulators);
    identity = ociIdentityClient(emulators.oci);
    partner = emulators.oci.tenancies[DEMO.partner.name] as OciTenancyCredentials;
  });
  afterAll(async () => {
    await emulators?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("when Interlink signs with the emulator's key as before, it is a tenancy administrator and the demo compartment is in the tree", async () => {
    const clouds = await createClouds(appSettings({}));
    expect(await clouds.oci.getVcn(DEMO.vcn.id)).toMatchObject({ compartmentId: DEMO.compartmentId });
    expect((await identity.listCompartments({ compartmentId: emulators.oci.tenancy })).items).toEqual([expect.objectContaining({ id: DEMO.compartmentId, name: DEMO.compartmentName, lifecycleState: "ACTIVE" })]);
    expect((await identity.listPolicies({ compartmentId: emulators.oci.tenancy })).items.map((policy) => [policy.name, policy.statements])).toEqual([["Tenant Admin Policy", ["ALLOW GROUP Administrators to manage all-resources IN TENANCY"]]]);
    expect((await identity.listRegionSubscriptions({ tenancyId: emulators.oci.tenancy })).items.map((item) => [item.regionName, item.isHomeRegion])).toEqual([
      ["us-ashburn-1", true],
      [PHOENIX, false],
    ]);
  });

  it("when Interlink's identity has no policy, its OCI port is refused with 404 NotAuthorizedOrNotFound, not retried, and nothing is written; the generated interconnect policy lets it", async () => {
    const user = await emulators.admin.createOciUser({ tenancy: emulators.oci.tenancy, name: "interlink", groups: ["InterlinkNetwork"] });
    const clouds = await interlinkAs(user);
    const refused = await clouds.oci.createDrg(DEMO.compartmentId, "contract-iam-drg", TAGS, "token-iam-1").catch((error: unknown) => error);
    expect(classifyCloudError(refused)).toMatchObject({ retryable: false, failure: { cloud: "oci", status: 404, code: "NotAuthorizedOrNotFound" } });
    expect(await clouds.oci.getVcn(DEMO.vcn.id)).toBeNull();
    const writes = (await emulators.admin.journal({ cloud: "oci", principal: user.user })).filter((entry) => entry.method !== "GET");
    expect(writes.map((entry) => [entry.op, entry.status])).toEqual([["createDrg", 404]]);
    expect(writes[0]?.note).toContain("DRG_CREATE");

    const [policy] = generatePolicies({ scenario: "interconnect", tenancyOcid: emulators.oci.tenancy, include: ["network-admins"], groups: { networkAdmins: "InterlinkNetwork" } }).policies;
    await identity.createPolicy({ createPolicyDetails: { compartmentId: policy?.attachTo.ocid ?? "", name: policy?.name ?? "", description: policy?.title ?? "", statements: policy?.statements ?? [] } });
    const drg = await clouds.oci.createDrg(DEMO.compartmentId, "contract-iam-drg", TAGS, "token-iam-2");
    expect(drg).toMatchObject({ compartmentId: DEMO.compartmentId });
    expect(await clouds.oci.getVcn(DEMO.vcn.id)).toMatchObject({ id: DEMO.vcn.id });
  });

  it("when Interlink's identity reads its groups' policies (what a permission check reads), it needs 'inspect' on groups and policies", async () => {
    const user = await emulators.admin.createOciUser({ tenancy: emulators.oci.tenancy, name: "reader", groups: ["PolicyReaders"] });
    const own = ociIdentityClient({ endpoint: emulators.oci.endpoint, ...user }, { maxAttempts: 1 });
    // A user sees its own memberships; listing the tenancy's policies needs a grant.
    const memberships = await own.listUserGroupMemberships({ compartmentId: emulators.oci.tenancy, userId: user.user });
    expect(memberships.items.map((item) => item.groupId)).toHaveLength(1);
    await expect(own.listPolicies({ compartmentId: emulators.oci.tenancy })).rejects.toMatchObject({ statusCode: 404 });
    await identity.createPolicy({ createPolicyDetails: { compartmentId: emulators.oci.tenancy, name: "policy-readers", description: "x", statements: ["Allow group PolicyReaders to inspect policies in tenancy", "Allow group PolicyReaders to inspect groups in tenancy"] } });
    const policies = await own.listPolicies({ compartmentId: emulators.oci.tenancy });
    expect(policies.items.flatMap((policy) => policy.statements)).toContain("Allow group PolicyReaders to inspect policies in tenancy");
    expect((await own.getGroup({ groupId: memberships.items[0]?.groupId ?? "" })).group.name).toBe("PolicyReaders");
  });

  it("when Interlink's client is pointed at a region's endpoint, its resources live in that region only", async () => {
    const west = await createClouds(appSettings({ OCI_ENDPOINT: `${emulators.oci.endpoint}/${PHOENIX}` }));
    const east = await createClouds(appSettings({}));
    const drg = await west.oci.createDrg(DEMO.compartmentId, "contract-west-drg", TAGS, "token-west-1");
    expect(drg.id).toMatch(/^ocid1\.drg\.oc1\.phx\./);
    expect(await east.oci.getDrg(drg.id)).toBeNull();
    expect(await west.oci.findDrg(DEMO.compartmentId, "contract-west-drg", TAGS.interlink)).toMatchObject({ id: drg.id });
    expect(await west.oci.getVcn(DEMO.vcn.id)).toBeNull();
  });

  it("when the partner tenancy's administrator signs, it works in its own tenancy and sees nothing of Interlink's without policies", async () => {
    const partnerCore = ociVirtualNetworkClient({ endpoint: emulators.oci.endpoint, ...partner.admin }, { maxAttempts: 1 });
    const shared = partner.compartments[DEMO.partner.compartments[0] ?? ""] ?? "";
    const vcn = (await partnerCore.createVcn({ createVcnDetails: { compartmentId: shared, cidrBlocks: ["10.70.0.0/16"], displayName: "partner-vcn" } })).vcn;
    expect(vcn.compartmentId).toBe(shared);
    await expect(partnerCore.getVcn({ vcnId: DEMO.vcn.id })).rejects.toMatchObject({ statusCode: 404 });
    const interlink = await createClouds(appSettings({}));
    expect(await interlink.oci.getVcn(vcn.id)).toBeNull();
    const networkAdmin = partner.users["network-admin"];
    expect(networkAdmin).toMatchObject({ tenancy: partner.tenancy, privateKeyPem: expect.stringContaining("PRIVATE KEY") });
  });
});
