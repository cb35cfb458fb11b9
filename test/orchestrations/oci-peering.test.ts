import { DEMO, ociIdentityClient, type OciTenancyCredentials, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { azureNetworkClient } from "@interlink/cloud-emulators";
import { type VirtualNetworkClient } from "oci-core";
import { Readable } from "node:stream";
import { main } from "../../cli/main";
import { requestFiles } from "../support/cli";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest, operate, run, setup, taggedResources, teardown } from "../support/lifecycle";
import { type SetupRequestInput } from "../../shared/domain/setup-request";
import { peeringSuffix } from "../../shared/domain/peered-vcn";

jest.setTimeout(180_000);

const PHOENIX = "us-phoenix-1";
const VNET_HOST = "10.10.1.4";
const LOCAL_CIDR = "10.40.0.0/16";
const REMOTE_CIDR = "10.41.0.0/16";
const ATTACHED_CIDR = "10.42.0.0/16";

/**
 * OCI peering end to end through the HTTP API, in the emulators: a VCN of another tenancy behind an LPG, a VCN of
 * another region behind an RPC pair, and a VCN of another tenancy attached to the interconnect's DRG. Each must be
 * reachable from the VNet and back (the emulator follows every route table), be learned by Azure, and leave nothing
 * behind. The partner tenancy's key is one of Interlink's settings, as in production.
 */
describe("peered VCNs of other tenancies and regions (kind local, remote, drg)", () => {
  let stack: InProcessStack;
  let partner: OciTenancyCredentials;
  let localVcn: string;
  let remoteVcn: string;
  let attachedVcn: string;
  const files = requestFiles();

  const asPartner = () => ociVirtualNetworkClient({ endpoint: stack.emulators.oci.endpoint, ...partner.admin });
  const azureLearned = async (name: string) => {
    const azure = azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId);
    const table = await azure.expressRouteCircuits.beginListRoutesTableAndWait(DEMO.resourceGroup, `${name}-erc`, "AzurePrivatePeering", "primary");
    return (table.value ?? []).map((route) => route.network);
  };
  const reaches = async (from: string, to: string) => {
    const answer = await stack.emulators.admin.reachability(from, to);
    return answer.reachable ? "reachable" : (answer.missing?.reason ?? "unreachable");
  };
  const vnetRules = async (client: VirtualNetworkClient, vcnId: string) => {
    const vcn = await client.getVcn({ vcnId });
    const table = await client.getRouteTable({ rtId: vcn.vcn.defaultRouteTableId ?? "" });
    return (table.routeTable.routeRules ?? []).filter((rule) => rule.destination === DEMO.vnet.addressSpace).map((rule) => rule.description);
  };
  const peered = (name: string, peer: NonNullable<SetupRequestInput["oci"]["peeredVcns"]>[number]) =>
    namedRequest(name, (request) => {
      request.oci.peeredVcns = [peer];
      request.traffic = [...request.traffic, { from: "azure", to: "oci-peered", protocol: "tcp", ports: "443" }];
    });
  /** `interlink` in this process, its HTTP requests served by the in-process host (a listening port would move the host's Durable endpoint). */
  const cli = async (args: string[]) => {
    let stdout = "";
    const fetchInProcess = async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const answer = await stack.host.http.request(init?.method ?? "GET", url.pathname + url.search, {
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        ...(typeof init?.body === "string" ? { body: init.body } : {}),
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      return new Response(answer.text, { status: answer.status, headers });
    };
    const code = await main([...args, "--url", "http://127.0.0.1:7071/api"], {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true },
      stdin: Object.assign(Readable.from([""]), { isTTY: false }),
      env: { INTERLINK_KEY: stack.host.host.keys.all.hostKeys.default ?? "" },
      fetch: fetchInProcess,
      now: () => stack.host.clock.now().getTime(),
      sleep: (ms: number) => stack.host.clock.advance(ms),
    });
    return { code, stdout };
  };
  const writesSince = async (seq: number) => (await stack.emulators.admin.journal({ since: seq })).filter((entry) => entry.method !== "GET" && !entry.path.startsWith("/__emulator"));
  const lastSeq = async () => (await stack.emulators.admin.journal({})).reduce((max, entry) => Math.max(max, entry.seq), 0);

  beforeAll(async () => {
    stack = await startInProcessStack({
      emulators: { ociRegions: [PHOENIX], ociTenancies: [DEMO.partner] },
      settings: (emulators) => {
        const admin = (emulators.oci.tenancies[DEMO.partner.name] as OciTenancyCredentials).admin;
        return { OCI_TENANCY_CREDENTIALS: JSON.stringify([{ tenancy: admin.tenancy, user: admin.user, fingerprint: admin.fingerprint, privateKey: admin.privateKeyPem }]) };
      },
    });
    partner = stack.emulators.oci.tenancies[DEMO.partner.name] as OciTenancyCredentials;
    const partnerCompartment = partner.compartments["partner-network"] ?? "";
    localVcn = (await asPartner().createVcn({ createVcnDetails: { compartmentId: partnerCompartment, cidrBlocks: [LOCAL_CIDR], displayName: "vcn-partner-lpg" } })).vcn.id;
    attachedVcn = (await asPartner().createVcn({ createVcnDetails: { compartmentId: partnerCompartment, cidrBlocks: [ATTACHED_CIDR], displayName: "vcn-partner-drg" } })).vcn.id;
    const phoenix = ociVirtualNetworkClient(stack.emulators.oci, { region: PHOENIX });
    remoteVcn = (await phoenix.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [REMOTE_CIDR], displayName: "vcn-phoenix" } })).vcn.id;
    await stack.host.clock.advance(60_000);
  });
  afterAll(async () => {
    files.remove();
    await stack?.stop();
  });

  it("(a) when the peered VCN of another tenancy sits behind an LPG, then the acceptor's missing Admit stops setup at preflight with no write; applied through the API, setup peers it both ways and teardown removes it all", async () => {
    const request = peered("lpg-link", { kind: "local", vcnId: localVcn, tenancyId: partner.tenancy, cidrs: [LOCAL_CIDR] });

    const before = (await run(stack, "POST", "/api/policies/check", request)).body as { allowed: boolean; missing: Array<{ tenancyId: string; statements: string[] }> };
    expect(before.allowed).toBe(false);
    expect(before.missing.map((entry) => entry.tenancyId)).toEqual(expect.arrayContaining([stack.emulators.oci.tenancy, partner.tenancy]));
    expect((await run(stack, "POST", "/api/policies/plan", request)).body).toMatchObject({ applied: false, changes: expect.arrayContaining([expect.objectContaining({ action: "create", tenancyId: partner.tenancy })]) });
    expect((await run(stack, "POST", "/api/policies/apply", request)).body).toMatchObject({ applied: true });
    expect((await run(stack, "POST", "/api/policies/check", request)).body).toMatchObject({ allowed: true, missing: [], problems: [], warnings: [] });
    expect((await run(stack, "POST", "/api/policies/apply", request)).body).toMatchObject({ changes: expect.not.arrayContaining([expect.objectContaining({ action: expect.stringMatching(/create|update/) })]) });

    // The acceptor withdraws its Admit policy.
    const identity = ociIdentityClient({ endpoint: stack.emulators.oci.endpoint, ...partner.admin });
    const [acceptorPolicy] = (await identity.listPolicies({ compartmentId: partner.tenancy, name: `interlink-lpg-link-local-peering-acceptor-${peeringSuffix(localVcn)}` })).items;
    await identity.deletePolicy({ policyId: acceptorPolicy?.id ?? "" });
    const seq = await lastSeq();
    const refused = await setup(stack, request);
    expect(refused.outcome).toMatchObject({ status: "failed", failedStep: "preflight", error: { code: "PermissionsMissing" } });
    expect(refused.outcome.error?.message).toContain(`in tenancy ${partner.tenancy}, policy interlink-lpg-link-local-peering-acceptor-${peeringSuffix(localVcn)} attached to the tenancy`);
    expect(refused.outcome.error?.message).toContain("Admit group requestorGrp of tenancy Requestor to manage local-peering-to in compartment acceptorComp");
    expect(await writesSince(seq)).toEqual([]);

    const reapplied = (await run(stack, "POST", "/api/policies/apply", request)).body as { changes: Array<{ policyName: string; action: string }> };
    expect(reapplied.changes.filter((change) => change.action !== "unchanged")).toEqual([expect.objectContaining({ policyName: `interlink-lpg-link-local-peering-acceptor-${peeringSuffix(localVcn)}`, action: "create" })]);
    const { outcome } = await setup(stack, request);
    expect(outcome.status).toBe("succeeded");
    expect(await azureLearned("lpg-link")).toEqual(expect.arrayContaining([DEMO.vcn.cidr, LOCAL_CIDR]));
    expect(await vnetRules(asPartner(), localVcn)).toEqual([`interlink:lpg-link:${peeringSuffix(localVcn)}`]);
    expect(await reaches(VNET_HOST, "10.40.0.9")).toBe("reachable");
    expect(await reaches("10.40.0.9", VNET_HOST)).toBe("reachable");

    // Suspend takes back exactly the route rules, both ways; resume restores them.
    expect((await operate(stack, "POST", "/api/interconnects/lpg-link/suspend")).outcome.status).toBe("succeeded");
    expect(await vnetRules(asPartner(), localVcn)).toEqual([]);
    expect(await reaches(VNET_HOST, "10.40.0.9")).not.toBe("reachable");
    expect(await reaches("10.40.0.9", VNET_HOST)).not.toBe("reachable");
    expect((await operate(stack, "POST", "/api/interconnects/lpg-link/resume")).outcome.status).toBe("succeeded");
    expect(await reaches(VNET_HOST, "10.40.0.9")).toBe("reachable");
    expect(await reaches("10.40.0.9", VNET_HOST)).toBe("reachable");

    expect((await teardown(stack, "lpg-link")).outcome.status).toBe("succeeded");
    expect(await vnetRules(asPartner(), localVcn)).toEqual([]);
    expect(await taggedResources(stack, "lpg-link")).toEqual([]);
  });

  it("(b) when the peered VCN is in another region of the same tenancy, then an RPC pair joins the DRGs and traffic flows both ways until teardown", async () => {
    const request = peered("rpc-link", { kind: "remote", vcnId: remoteVcn, region: PHOENIX, cidrs: [REMOTE_CIDR] });
    const { outcome } = await setup(stack, request);
    expect({ status: outcome.status, failedStep: outcome.failedStep, error: outcome.error }).toEqual({ status: "succeeded", failedStep: undefined, error: undefined });
    expect(await azureLearned("rpc-link")).toEqual(expect.arrayContaining([DEMO.vcn.cidr, REMOTE_CIDR]));
    expect(await vnetRules(ociVirtualNetworkClient(stack.emulators.oci, { region: PHOENIX }), remoteVcn)).toEqual([`interlink:rpc-link:${peeringSuffix(remoteVcn)}`]);
    expect(await reaches(VNET_HOST, "10.41.0.9")).toBe("reachable");
    expect(await reaches("10.41.0.9", VNET_HOST)).toBe("reachable");

    expect((await teardown(stack, "rpc-link")).outcome.status).toBe("succeeded");
    expect(await reaches(VNET_HOST, "10.41.0.9")).not.toBe("reachable");
    expect(await taggedResources(stack, "rpc-link")).toEqual([]);
  });

  it("(c) when the peered VCN of another tenancy is attached to the interconnect's DRG, then the DRG advertises it and its route table leads back, until teardown detaches it", async () => {
    const request = peered("drg-link", { kind: "drg", vcnId: attachedVcn, tenancyId: partner.tenancy, cidrs: [ATTACHED_CIDR] });
    request.options = { ...request.options, applyPolicies: true };
    const file = files.write("drg-link.json", request);
    const checked = await cli(["check-permissions", file]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`missing in tenancy ${partner.tenancy}, policy interlink-drg-link-drg-attachment-vcn-tenancy-${peeringSuffix(attachedVcn)} (attach to the tenancy)`);
    expect(checked.stdout).toContain("  admit group drgAdmin of tenancy requestorDRG to manage drg-attachment in tenancy");
    const planned = await cli(["check-permissions", file, "--plan"]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^would change:\n/);
    expect(planned.stdout).toMatch(new RegExp(`\\ncreate +interlink-drg-link-drg-attachment-drg-tenancy-${peeringSuffix(attachedVcn)} in tenancy `));
    // The setup writes the cross-tenancy attachment's policies in both tenancies before anything else.
    const { outcome } = await setup(stack, request);
    expect(outcome.status).toBe("succeeded");
    expect((await run(stack, "POST", "/api/policies/check", request)).body).toMatchObject({ allowed: true, missing: [] });
    expect(await azureLearned("drg-link")).toEqual(expect.arrayContaining([DEMO.vcn.cidr, ATTACHED_CIDR]));
    expect(await vnetRules(asPartner(), attachedVcn)).toEqual([`interlink:drg-link:${peeringSuffix(attachedVcn)}`]);
    expect(await reaches(VNET_HOST, "10.42.0.9")).toBe("reachable");
    expect(await reaches("10.42.0.9", VNET_HOST)).toBe("reachable");

    expect((await teardown(stack, "drg-link")).outcome.status).toBe("succeeded");
    expect(await vnetRules(asPartner(), attachedVcn)).toEqual([]);
    expect(await taggedResources(stack, "drg-link")).toEqual([]);
  });
});
