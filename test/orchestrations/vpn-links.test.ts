import { randomBytes, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { QueueClient } from "@azure/storage-queue";
import { azureNetworkClient, DEMO, momentsAllDown } from "@interlink/cloud-emulators";
import { type Clouds, createClouds } from "../../shared/clouds/clients";
import { parseSettings } from "../../shared/config/settings";
import { Table } from "../../shared/inventory/tables";
import { p2sRootSecretName, StoredP2sRoot } from "../../shared/domain/p2s-root";
import { SecretSealer } from "../../shared/secrets/sealing";
import { TableSecretStore } from "../../shared/secrets/table-store";
import { HEALTH_SWEEP_ORCHESTRATOR, HealthSweepOutcome } from "../../shared/domain/health";
import { type VpnLinkRequestInput } from "../../shared/domain/vpn-link";
import { VpnHealthReport, VpnLifecycleOutcome } from "../../shared/domain/vpn-link-record";
import { emulatorAppSettings } from "../support/app-settings";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { run, setup, teardown } from "../support/lifecycle";
import { publishedSchemas } from "../support/openapi";
import { designRequest } from "../support/requests";

jest.setTimeout(120_000);

const NAME = "erp-db-vpn";
/** The suite's secret store key, so the test can read back (and grep for) what the store keeps sealed. */
const SECRET_STORE_KEY = randomBytes(32).toString("base64");
const BASE = `/api/vpn-links/${NAME}`;

function vpnRequest(change?: (request: VpnLinkRequestInput & { type: "azure-oci" }) => void): VpnLinkRequestInput {
  const request: VpnLinkRequestInput & { type: "azure-oci" } = {
    name: NAME,
    type: "azure-oci",
    ticketId: "CHG0099",
    azure: { subscriptionId: DEMO.subscriptionId, resourceGroup: DEMO.resourceGroup, region: "eastus", vnet: { name: DEMO.vnet.name }, gatewaySubnetPrefix: "10.10.255.0/27" },
    oci: { region: "us-ashburn-1", compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, drgId: DEMO.drg.id },
    routing: { mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.22.0/30"] },
  };
  change?.(request);
  return request;
}


/**
 * VPN links end to end over HTTP: the real orchestrators and activities on the dev host (virtual clock, file
 * history), the real SDKs against the emulators, Azurite for the inventory and the events queue. One stack for the
 * suite; the tests build on each other in order (setup, a wrong key, rotation, an interconnect beside it, teardown).
 */
describe("VPN links: azure-oci site-to-site with BGP (in-process host, emulators, virtual clock)", () => {
  let stack: InProcessStack;
  let clouds: Clouds;
  let sweeps = 0;
  let ipsecConnectionId = "";
  let tunnelIds: string[] = [];
  const secrets = new Set<string>();
  const statuses: unknown[] = [];
  const instances: string[] = [];

  beforeAll(async () => {
    stack = await startInProcessStack({ hostStore: "file", settings: { SECRET_STORE_KEY } });
    clouds = await createClouds(parseSettings({ ...emulatorAppSettings(stack.emulators, stack.azurite.connectionString), AZURE_MAX_REQUESTS_PER_SECOND: "1000", OCI_MAX_REQUESTS_PER_SECOND: "1000" }));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Starts an operation over HTTP, follows it to its end and keeps what its status route said. */
  async function operate(method: string, path: string, json?: unknown) {
    const started = await run(stack, method, path, json);
    expect(started.status).toBe(202);
    const instanceId = String(started.body.instanceId);
    instances.push(instanceId);
    const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 90_000 });
    const view = await run(stack, "GET", String(started.headers.location));
    statuses.push(started.body, view.body);
    return { status, view: view.body, outcome: status.runtimeStatus === "Completed" ? VpnLifecycleOutcome.parse(status.output) : null };
  }

  async function sweep(): Promise<HealthSweepOutcome> {
    const instanceId = `vpn-sweep-${++sweeps}`;
    await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId, input: {} });
    return HealthSweepOutcome.parse((await stack.host.waitForCompletion(instanceId, { timeoutMs: 60_000 })).output);
  }

  async function health(): Promise<VpnHealthReport> {
    const read = await run(stack, "GET", `${BASE}/health`);
    statuses.push(read.body);
    return VpnHealthReport.parse(read.body);
  }

  /** The keys as the clouds hold them now: what must never leave them through Interlink. */
  async function collectSecrets() {
    for (const tunnelId of tunnelIds) secrets.add(await clouds.oci.getTunnelSharedSecret(ipsecConnectionId, tunnelId));
    for (const index of [1, 2]) {
      const key = await clouds.azure(DEMO.subscriptionId).getConnectionSharedKey(DEMO.resourceGroup, `${NAME}-conn-${index}`);
      if (key) secrets.add(key);
    }
  }

  /** A private key as PEM, and lines of its body: a copy inside JSON (escaped newlines) still contains those. */
  function addPrivateKey(pem: string) {
    secrets.add(pem);
    for (const line of pem.split("\n").filter((text) => /^[A-Za-z0-9+/]{64}$/.test(text)).slice(0, 3)) secrets.add(line);
  }

  async function events(): Promise<Array<{ name: string; action: string; outcome: string; detail: Record<string, unknown> }>> {
    const queue = new QueueClient(stack.azurite.connectionString, "interconnect-events");
    const texts: string[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const received = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 600 });
      if (received.receivedMessageItems.length === 0) break;
      texts.push(...received.receivedMessageItems.map((item) => Buffer.from(item.messageText, "base64").toString("utf8")));
    }
    return texts.map((text) => JSON.parse(text) as { name: string; action: string; outcome: string; detail: Record<string, unknown> });
  }

  it("when a request breaks the clouds' rules, then 400 problem+json names each field and nothing is started; /plan shows the addressing", async () => {
    const bad = vpnRequest((request) => {
      request.routing = { mode: "bgp", tunnels: ["169.254.20.0/30", "169.254.21.0/29"] };
      request.ipsecPolicy = { saLifeTimeSeconds: 27000, saDataSizeKilobytes: 102400000, ikeEncryption: "DES", ikeIntegrity: "SHA384", dhGroup: "ECP384", ipsecEncryption: "GCMAES256", ipsecIntegrity: "GCMAES256", pfsGroup: "ECP384" };
    });
    const refused = await run(stack, "POST", "/api/vpn-links", bad);
    expect(refused.status).toBe(400);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    const errors = (refused.body.errors as Array<{ path: string; message: string }>).map((error) => error.path);
    expect(errors).toEqual(expect.arrayContaining(["routing.tunnels[0]", "routing.tunnels[1]", "ipsecPolicy.ikeEncryption"]));
    const overlapping = await run(stack, "POST", "/api/vpn-links/plan", vpnRequest((request) => (request.routing = { mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.21.0/30"] })));
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.errors).toEqual([expect.objectContaining({ path: "routing.tunnels[1]", message: expect.stringContaining("must not overlap") })]);
    expect((await run(stack, "GET", "/api/vpn-links")).body.value).toEqual([]);

    const plan = await run(stack, "POST", "/api/vpn-links/plan", vpnRequest());
    expect(plan.status).toBe(200);
    // The README's example request is valid as it stands.
    expect((await run(stack, "POST", "/api/vpn-links/plan", JSON.parse(readFileSync(path.join(__dirname, "../fixtures/vpn-example.json"), "utf8")))).status).toBe(200);
    expect(plan.body.bgp).toEqual([
      { tunnel: 1, block: "169.254.21.0/30", oracleAddress: "169.254.21.1", azureApipaAddress: "169.254.21.2", oracleAsn: 31898, azureAsn: 65515 },
      { tunnel: 2, block: "169.254.22.0/30", oracleAddress: "169.254.22.1", azureApipaAddress: "169.254.22.2", oracleAsn: 31898, azureAsn: 65515 },
    ]);
  });

  it("when an azure-oci VPN with BGP is set up, then it reaches Active with both tunnels UP and routes learned on both sides; a replay reports it, a different spec is a conflict", async () => {
    const { outcome, view } = await operate("POST", "/api/vpn-links", vpnRequest());
    expect(view.error ?? null).toBeNull();
    expect(view).toMatchObject({ result: "succeeded", state: "Active" });
    expect(outcome?.health).toMatchObject({ verdict: "healthy", carriedBy: "VPN", routesLearned: { azure: ["10.20.0.0/16"], oci: ["10.10.0.0/16"] } });
    expect(outcome?.health?.tunnels.map((tunnel) => [tunnel.status, tunnel.bgp, tunnel.azureConnection])).toEqual([
      ["UP", "UP", "Connected"],
      ["UP", "UP", "Connected"],
    ]);
    ipsecConnectionId = outcome?.resources.ipsecConnectionId ?? "";
    tunnelIds = outcome?.resources.tunnelIds ?? [];
    expect(tunnelIds).toHaveLength(2);
    await collectSecrets();
    expect(secrets.size).toBe(2);

    const detail = await run(stack, "GET", BASE);
    statuses.push(detail.body);
    expect(detail.body).toMatchObject({ state: "Active", resources: { ipsecConnectionId } });
    // What the routes send is what the OpenAPI document publishes.
    const published = publishedSchemas();
    const list = (await run(stack, "GET", "/api/vpn-links")).body;
    const conformance = [
      published.errors("VpnLinkDetail", detail.body),
      published.errors("VpnLinkList", list),
      published.errors("VpnStartAccepted", statuses[0]),
      published.errors("OperationStatus", statuses[1]),
      published.errors("VpnHealthReport", outcome?.health),
      published.errors("VpnPlan", (await run(stack, "POST", "/api/vpn-links/plan", vpnRequest())).body),
    ];
    expect(conformance.flat()).toEqual([]);
    const replay = await run(stack, "POST", "/api/vpn-links", vpnRequest());
    expect(replay).toMatchObject({ status: 202, body: { replayed: true, instanceId: instances[0] } });
    const different = await run(stack, "POST", "/api/vpn-links", vpnRequest((request) => (request.azure.gateway = { sku: "VpnGw2AZ" })));
    expect(different.status).toBe(409);
  });

  it("when someone sets a wrong key on a tunnel out of band, then the health sweep reports that tunnel DOWN with OCI's reason and the link Degraded", async () => {
    await stack.emulators.admin.outOfBand({ action: "setSharedKey", cloud: "oci", tunnelId: tunnelIds[0] ?? "", value: "someoneElsesKey42" });
    await stack.host.clock.advance(5 * 60_000);
    const outcome = await sweep();
    expect(outcome.vpnLinks?.verdicts[NAME]).toBe("degraded");
    const report = await health();
    expect(report.tunnels[0]).toMatchObject({ status: "DOWN", reason: "the pre-shared keys differ" });
    expect(report.tunnels[1]).toMatchObject({ status: "UP" });
    expect((await run(stack, "GET", BASE)).body.state).toBe("Degraded");
  });

  it("when the keys are rotated, then both tunnels come back UP with new keys and the journal never shows both down at once", async () => {
    const before = (await stack.emulators.admin.vpnJournal()).at(-1)?.seq ?? 0;
    const { outcome } = await operate("POST", `${BASE}/rotate-key`);
    expect(outcome?.health?.tunnels.map((tunnel) => tunnel.status)).toEqual(["UP", "UP"]);
    const journal = await stack.emulators.admin.vpnJournal({ since: before });
    // The rotation took each tunnel down and up again, one after the other.
    expect(journal.filter((entry) => entry.to?.status === "DOWN").length).toBeGreaterThanOrEqual(1);
    expect(momentsAllDown(journal, tunnelIds)).toEqual([]);
    const previous = new Set(secrets);
    await collectSecrets();
    expect(secrets.size).toBeGreaterThan(previous.size);
    expect((await sweep()).vpnLinks?.verdicts[NAME]).toBe("healthy");
    expect((await run(stack, "GET", BASE)).body.state).toBe("Active");
  });

  it("when the same VNet/VCN also has an interconnect, then ExpressRoute carries the routes; once its connection is deleted the sweep reports the VPN", async () => {
    expect((await setup(stack, designRequest((request) => (request.name = "erp-db-link")))).outcome.status).toBe("succeeded");
    expect((await sweep()).vpnLinks?.verdicts[NAME]).toBe("healthy");
    expect((await health()).carriedBy).toBe("ExpressRoute");
    const connection = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/connections/erp-db-link-erconn`;
    await stack.emulators.admin.outOfBand({ action: "delete", cloud: "azure", id: connection });
    await stack.host.clock.advance(5 * 60_000);
    await sweep();
    const report = await health();
    expect(report).toMatchObject({ carriedBy: "VPN", verdict: "healthy", routesLearned: { oci: ["10.10.0.0/16"] } });
    expect((await teardown(stack, "erp-db-link")).outcome.status).toBe("succeeded");
  });

  it("when the VPN link is deleted, then its resources go in order and nothing of it is left", async () => {
    const { outcome, view } = await operate("DELETE", BASE);
    expect(view).toMatchObject({ result: "succeeded", state: "Deleted" });
    expect(outcome?.status).toBe("succeeded");
    await stack.host.clock.advance(60 * 60_000);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    expect((await run(stack, "GET", BASE)).status).toBe(404);
    expect((await run(stack, "GET", "/api/vpn-links")).body.value).toEqual([]);
  });

  it("when an azure-oci VPN routes statically, then both tunnels come UP, the DRG routes the VNet over them and teardown leaves nothing", async () => {
    const request = vpnRequest((change) => {
      change.name = "erp-db-static";
      change.routing = { mode: "static" };
    });
    const { outcome, view } = await operate("POST", "/api/vpn-links", request);
    expect(view.error ?? null).toBeNull();
    expect(outcome?.health).toMatchObject({ verdict: "healthy", carriedBy: "VPN", routesLearned: { azure: [], oci: ["10.10.0.0/16"] } });
    expect(outcome?.health?.tunnels.map((tunnel) => [tunnel.status, tunnel.bgp])).toEqual([
      ["UP", undefined],
      ["UP", undefined],
    ]);
    const local = await clouds.azure(DEMO.subscriptionId).getLocalNetworkGateway(DEMO.resourceGroup, "erp-db-static-lng-1");
    expect(local).toMatchObject({ addressPrefixes: ["10.20.0.0/16"], bgp: null });
    for (const tunnelId of outcome?.resources.tunnelIds ?? []) secrets.add(await clouds.oci.getTunnelSharedSecret(outcome?.resources.ipsecConnectionId ?? "", tunnelId));
    expect((await operate("DELETE", "/api/vpn-links/erp-db-static")).view).toMatchObject({ result: "succeeded", state: "Deleted" });
    await stack.host.clock.advance(60 * 60_000);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when two VNets in different subscriptions and regions are joined vnet-to-vnet, then both connections are Connected with one key; teardown leaves nothing", async () => {
    const other = "22222222-2222-2222-2222-222222222222";
    const created = await azureNetworkClient(stack.emulators.azure, other).virtualNetworks.beginCreateOrUpdate(DEMO.resourceGroup, "vnet-remote", { location: "westeurope", addressSpace: { addressPrefixes: ["10.40.0.0/16"] } });
    await stack.host.clock.advance(60_000);
    await created.pollUntilDone();
    const side = (subscriptionId: string, vnet: string, region: string, gatewaySubnetPrefix: string) => ({ subscriptionId, resourceGroup: DEMO.resourceGroup, region, vnet: { name: vnet }, gatewaySubnetPrefix });
    const request = { name: "hub-remote", type: "vnet-to-vnet", ticketId: "CHG0100", vnets: [side(DEMO.subscriptionId, DEMO.vnet.name, "eastus", "10.10.255.0/27"), side(other, "vnet-remote", "westeurope", "10.40.255.0/27")] };
    const overlapping = await run(stack, "POST", "/api/vpn-links", { ...request, vnets: [request.vnets[0], request.vnets[0]] });
    expect(overlapping.body.errors).toEqual([expect.objectContaining({ path: "vnets[1]" })]);

    const { outcome, view } = await operate("POST", "/api/vpn-links", request);
    expect(view.error ?? null).toBeNull();
    expect(outcome?.health?.tunnels.map((tunnel) => tunnel.azureConnection)).toEqual(["Connected", "Connected"]);
    const keys = [await clouds.azure(DEMO.subscriptionId).getConnectionSharedKey(DEMO.resourceGroup, "hub-remote-conn-1"), await clouds.azure(other).getConnectionSharedKey(DEMO.resourceGroup, "hub-remote-conn-2")];
    expect(keys[0]).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    for (const key of keys) if (key) secrets.add(key);
    expect((await run(stack, "POST", "/api/vpn-links/hub-remote/rotate-key")).status).toBe(409);
    expect((await sweep()).vpnLinks?.verdicts["hub-remote"]).toBe("healthy");

    const { view: deleted } = await operate("DELETE", "/api/vpn-links/hub-remote");
    expect(deleted).toMatchObject({ result: "succeeded", state: "Deleted" });
    await stack.host.clock.advance(60 * 60_000);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    expect(JSON.stringify((await stack.emulators.admin.snapshot()).azure.map((entry) => entry.id))).not.toMatch(/vpngw/);
  });

  it("when ARM refuses a local network gateway, then setup fails at that step with ARM's code, rolls back, and leaves nothing", async () => {
    await stack.emulators.admin.addFault({ match: { op: "localNetworkGateways.createOrUpdate" }, action: { type: "error", status: 400, code: "InvalidGatewayIpAddress", message: "refused: InvalidGatewayIpAddress", phase: "before" } });
    try {
      const { status, view } = await operate("POST", "/api/vpn-links", vpnRequest((change) => (change.name = "erp-db-refused")));
      expect(status.runtimeStatus).toBe("Failed");
      expect(view).toMatchObject({ result: "failed", rolledBack: true, state: "RolledBack", error: { step: "connections", cloud: "azure", code: "InvalidGatewayIpAddress" } });
    } finally {
      await stack.emulators.admin.clearFaults();
    }
    await stack.host.clock.advance(60 * 60_000);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    // The record stays, RolledBack with its error, until a new setup or DELETE.
    expect((await run(stack, "GET", "/api/vpn-links/erp-db-refused")).body.state).toBe("RolledBack");
  });

  it("when a point-to-site link is set up, then it reaches Active with a client package URL, issues client certificates that chain to the uploaded root, and teardown leaves nothing", async () => {
    const p2s = (pool: string[], name = "staff-p2s") => ({
      name,
      type: "point-to-site",
      ticketId: "CHG0101",
      azure: { subscriptionId: DEMO.subscriptionId, resourceGroup: DEMO.resourceGroup, region: "eastus", vnet: { name: DEMO.vnet.name }, gatewaySubnetPrefix: "10.10.255.0/27" },
      clientAddressPool: pool,
    });
    const refused = await run(stack, "POST", "/api/vpn-links", p2s(["8.8.8.0/24", "10.10.255.0/26", "172.16.0.0/30"]));
    expect(refused.status).toBe(400);
    expect((refused.body.errors as Array<{ path: string }>).map((error) => error.path).sort()).toEqual(["clientAddressPool[0]", "clientAddressPool[1]", "clientAddressPool[2]"]);
    // The VNet's own range is only known once it is read: the preflight refuses before anything is written.
    const clash = await operate("POST", "/api/vpn-links", p2s(["10.10.128.0/24"], "staff-p2s-clash"));
    expect(clash.view).toMatchObject({ result: "failed", error: { step: "preflight", code: "ClientAddressPoolOverlapsVnet" } });

    const { outcome, view } = await operate("POST", "/api/vpn-links", p2s(["172.16.201.0/24"]));
    expect(view.error ?? null).toBeNull();
    expect(view).toMatchObject({ result: "succeeded", state: "Active" });
    const detail = await run(stack, "GET", "/api/vpn-links/staff-p2s");
    statuses.push(detail.body);
    expect(detail.body.resources).toMatchObject({ clientPackageUrl: expect.stringMatching(/^https?:\/\/127\.0\.0\.1:\d+\/__emulator\/vpnclientpackages\//), rootCertificateName: "staff-p2s-root" });
    expect(outcome?.health?.verdict).toBe("healthy");
    expect(publishedSchemas().errors("VpnLinkDetail", detail.body)).toEqual([]);

    const gateway = await azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId).virtualNetworkGateways.get(DEMO.resourceGroup, `${DEMO.vnet.name}-vpngw`);
    expect(gateway.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes).toEqual(["172.16.201.0/24"]);
    const uploaded = gateway.vpnClientConfiguration?.vpnClientRootCertificates ?? [];
    expect(uploaded.map((certificate) => certificate.name)).toEqual(["staff-p2s-root"]);
    const root = new X509Certificate(Buffer.from(uploaded[0]?.publicCertData ?? "", "base64"));

    const issued = await run(stack, "POST", "/api/vpn-links/staff-p2s/client-certificates", { commonName: "alice@example.com" });
    expect(issued.status).toBe(201);
    expect(issued.headers["cache-control"]).toBe("no-store");
    expect(publishedSchemas().errors("ClientCertificateIssued", issued.body)).toEqual([]);
    const client = new X509Certificate(String(issued.body.certificatePem));
    expect(client.subject).toBe("CN=alice@example.com");
    expect(client.checkIssued(root)).toBe(true);
    expect(client.verify(root.publicKey)).toBe(true);
    addPrivateKey(String(issued.body.privateKeyPem));
    expect((await run(stack, "POST", "/api/vpn-links/staff-p2s/client-certificates", { commonName: "alice<script>" })).body.errors).toEqual([expect.objectContaining({ path: "commonName" })]);
    expect((await run(stack, "POST", `${BASE}/client-certificates`, { commonName: "bob" })).status).toBe(404);
    expect((await run(stack, "POST", "/api/vpn-links/staff-p2s/rotate-key")).status).toBe(409);

    // The package URL is short-lived on Azure: a new one is generated on request, and the link stays Active.
    expect(detail.body.links).toMatchObject({ clientPackage: expect.stringMatching(/\/vpn-links\/staff-p2s\/client-package$/) });
    const renewed = await operate("POST", "/api/vpn-links/staff-p2s/client-package", { ticketId: "CHG0102" });
    expect(renewed.view).toMatchObject({ result: "succeeded", operation: "client-package" });
    const after = (await run(stack, "GET", "/api/vpn-links/staff-p2s")).body;
    expect(after.state).toBe("Active");
    expect(after.resources).toMatchObject({ clientPackageUrl: expect.stringMatching(/\/__emulator\/vpnclientpackages\//) });
    expect((after.resources as { clientPackageUrl: string }).clientPackageUrl).not.toBe((detail.body.resources as { clientPackageUrl: string }).clientPackageUrl);
    const notP2s = await run(stack, "POST", "/api/vpn-links/erp-db-refused/client-package");
    expect([notP2s.status, notP2s.body.detail]).toEqual([409, "erp-db-refused is not a point-to-site link (its type is azure-oci): only point-to-site links have a VPN client package"]);

    // The root's private key is in the secret store, sealed: the table holds no plaintext of it.
    const store = new TableSecretStore(Table.fromConnectionString(stack.azurite.connectionString, "InterlinkSecrets"), new SecretSealer(SECRET_STORE_KEY));
    const kept = StoredP2sRoot.parse(JSON.parse((await store.get(p2sRootSecretName("staff-p2s"))) ?? "{}"));
    expect(new X509Certificate(kept.certificatePem).raw.equals(root.raw)).toBe(true);
    addPrivateKey(kept.privateKeyPem);
    const rows = [];
    for await (const row of Table.fromConnectionString(stack.azurite.connectionString, "InterlinkSecrets").client.listEntities()) rows.push(JSON.stringify(row));
    expect(rows.join("\n")).not.toContain("PRIVATE KEY");
    expect((await sweep()).vpnLinks?.verdicts["staff-p2s"]).toBe("healthy");

    expect((await operate("DELETE", "/api/vpn-links/staff-p2s")).view).toMatchObject({ result: "succeeded", state: "Deleted" });
    expect(await store.get(p2sRootSecretName("staff-p2s"))).toBeNull();
    await stack.host.clock.advance(60 * 60_000);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    expect(JSON.stringify((await stack.emulators.admin.snapshot()).azure.map((entry) => entry.id))).not.toMatch(/vpngw/);
  });

  it("when every log, history file, status and event is searched, then no shared key or private key appears", async () => {
    expect(secrets.size).toBeGreaterThanOrEqual(15);
    const sent = await events();
    expect(sent.filter((event) => event.name === NAME).map((event) => `${event.action}:${event.outcome}`)).toEqual(
      expect.arrayContaining(["vpn-link.setup:accepted", "vpn-link.setup:succeeded", "vpn-link.health:health-changed", "vpn-link.rotate-key:succeeded", "vpn-link.teardown:succeeded"]),
    );
    const haystacks: Array<[string, string]> = [
      ["logs", stack.host.logs.join("\n")],
      ["statuses", JSON.stringify(statuses)],
      ["events", JSON.stringify(sent)],
      ...instances.map((instanceId): [string, string] => [`history of ${instanceId}`, readFileSync(stack.historyFile(instanceId), "utf8")]),
    ];
    expect(haystacks.filter(([, text]) => text.length === 0).map(([where]) => where)).toEqual([]);
    const leaks = haystacks.flatMap(([where, text]) => [...secrets].filter((secret) => text.includes(secret)).map(() => where));
    expect(leaks).toEqual([]);
  });
});
