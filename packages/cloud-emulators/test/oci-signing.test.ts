import { generateKeyPairSync } from "node:crypto";
import { DefaultRequestSigner, Region, SimpleAuthenticationDetailsProvider } from "oci-common";
import { fingerprintOf } from "../src/oci/credentials";
import { ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import { COMPARTMENT, type Harness, startHarness } from "./helpers";

interface SignOptions {
  method: "GET" | "POST";
  path: string;
  body?: string;
  xDate?: string;
  forceExcludeBody?: boolean;
}

/** Signs like the OCI SDK (oci-common DefaultRequestSigner), so tests can then tamper with the request. */
async function signed(h: Harness, options: SignOptions): Promise<{ url: string; headers: Headers }> {
  const { oci } = h.emulators;
  const provider = new SimpleAuthenticationDetailsProvider(oci.tenancy, oci.user, oci.fingerprint, oci.privateKeyPem, null, Region.US_ASHBURN_1);
  const url = `${oci.endpoint}/20160918${options.path}`;
  const headers = new Headers();
  if (options.body !== undefined) headers.set("content-type", "application/json");
  if (options.xDate) headers.set("x-date", options.xDate);
  await new DefaultRequestSigner(provider).signHttpRequest({ uri: url, method: options.method, headers, ...(options.body !== undefined ? { body: options.body } : {}) }, options.forceExcludeBody ?? false);
  return { url, headers };
}

async function send(url: string, method: string, headers: Headers, body?: string) {
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: response.status, json: (await response.json()) as { code?: string } };
}

describe("OCI request signatures", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  it("when the SDK signs with the emulator's key, then GET and POST are accepted and journaled as valid", async () => {
    await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] } });
    await h.oci.listVcns({ compartmentId: COMPARTMENT });
    const verdicts = (await h.emulators.admin.journal({ cloud: "oci" })).map((entry) => `${entry.op}:${entry.auth}:${entry.status}`);
    expect(verdicts).toEqual(["createVcn:valid:200", "listVcns:valid:200"]);
  });

  it("when the key is unknown or does not match the fingerprint, then OCI answers 401 NotAuthenticated", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const wrongKey = ociVirtualNetworkClient(h.emulators.oci, { privateKeyPem: other, maxAttempts: 1 });
    await expect(wrongKey.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401, serviceCode: "NotAuthenticated" });
    const unknownUser = ociVirtualNetworkClient(h.emulators.oci, { user: "ocid1.user.oc1..aaaaaaaanobody", maxAttempts: 1 });
    await expect(unknownUser.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 401 });
    const verdicts = (await h.emulators.admin.journal({ cloud: "oci", status: 401 })).map((entry) => entry.auth);
    expect(verdicts).toEqual(["bad-signature", "invalid-key"]);
  });

  it("when the body is changed after signing, the date is stale or the signature is missing, then OCI answers 401", async () => {
    const body = JSON.stringify({ compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] });
    const tampered = await signed(h, { method: "POST", path: "/vcns", body });
    expect(await send(tampered.url, "POST", tampered.headers, body.replace("10.20", "10.30"))).toEqual({ status: 401, json: expect.objectContaining({ code: "NotAuthenticated" }) });

    const stale = await signed(h, { method: "GET", path: `/vcns?compartmentId=${COMPARTMENT}`, xDate: new Date(Date.now() - 10 * 60 * 1000).toUTCString() });
    expect((await send(stale.url, "GET", stale.headers)).status).toBe(401);

    const missing = await signed(h, { method: "GET", path: `/vcns?compartmentId=${COMPARTMENT}` });
    missing.headers.delete("authorization");
    expect((await send(missing.url, "GET", missing.headers)).status).toBe(401);

    const unsignedBody = await signed(h, { method: "POST", path: "/vcns", body, forceExcludeBody: true });
    expect((await send(unsignedBody.url, "POST", unsignedBody.headers, body)).status).toBe(401);

    const fresh = await signed(h, { method: "GET", path: `/vcns?compartmentId=${COMPARTMENT}` });
    expect((await send(fresh.url, "GET", fresh.headers)).status).toBe(200);

    const verdicts = (await h.emulators.admin.journal({ cloud: "oci" })).map((entry) => entry.auth);
    expect(verdicts).toEqual(["body-mismatch", "stale", "missing", "malformed", "valid"]);
  });

  it("when another API key is registered through the admin API for an administrator, then requests signed with it are accepted", async () => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const publicKeyPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    const user = "ocid1.user.oc1..aaaaaaaasecondadmin";
    const { keyId } = await h.emulators.admin.registerOciKey({ tenancy: h.emulators.oci.tenancy, user, publicKeyPem, groups: ["Administrators"] });
    expect(keyId).toBe(`${h.emulators.oci.tenancy}/${user}/${fingerprintOf(publicKeyPem)}`);
    const client = ociVirtualNetworkClient(h.emulators.oci, { user, fingerprint: fingerprintOf(publicKeyPem), privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
    const vcns = await client.listVcns({ compartmentId: COMPARTMENT });
    expect(vcns.items).toEqual([]);
  });
});
