// The interlink CLI driving the whole app in this process (dev host on a real port, cloud emulators, Azurite),
// with function keys enforced; each wait between two polls moves the virtual clock.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createClouds } from "../../shared/clouds/clients";
import { parseSettings } from "../../shared/config/settings";
import { type VpnLinkRequestInput } from "../../shared/domain/vpn-link";
import { VPN_SETUP_STEPS, VPN_TEARDOWN_STEPS } from "../../shared/domain/vpn-link-record";
import { emulatorAppSettings } from "../support/app-settings";
import { SETUP_STEPS, TEARDOWN_STEPS } from "../../shared/domain/steps";
import { freePort } from "../support/processes";
import { cliAgainst, requestFiles } from "../support/cli";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { fault, namedRequest, run } from "../support/lifecycle";
import { boundRequest } from "../support/requests";

jest.setTimeout(120_000);

const designFile = path.resolve(__dirname, "../fixtures/design-example.json");

describe("interlink against a running Interlink", () => {
  let stack: InProcessStack;
  let endpoint: { url: string; key: string };
  const files = requestFiles();
  let cli: ReturnType<typeof cliAgainst>;

  beforeAll(async () => {
    stack = await startInProcessStack({ settings: { FUNCTIONS_HOST_KEYS_ENFORCED: "true" } });
    const port = await stack.host.host.listen(0);
    endpoint = { url: `http://127.0.0.1:${port}/api`, key: stack.host.host.keys.all.hostKeys.default ?? "" };
    cli = cliAgainst(stack, () => endpoint);
  });
  afterAll(async () => {
    await stack?.stop();
    files.remove();
  });
  afterEach(async () => {
    await stack.emulators.admin.clearFaults();
  });

  const stateOf = async (name: string) => (await run(stack, "GET", `/api/interconnects/${name}`)).body.state;

  describe("apply, status, health, watch and destroy of DESIGN.md's example", () => {
    it("when applied with --yes, then the plan, every step's progress and Active are printed, and it exits 0", async () => {
      const { code, stdout, stderr } = await cli(["apply", designFile, "--yes", "--interval", "60"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("Interlink will set up erp-db-link (ticket CHG0012345):");
      expect(stdout).toMatch(/Plan: \d+ to create/);
      expect(stdout).toMatch(/\] gateway running: waiting: the ExpressRoute gateway usually takes 30 min; it is read then/);
      for (const step of SETUP_STEPS) expect(stdout).toMatch(new RegExp(`\\] ${step.id} succeeded in \\d+`));
      expect(stdout).toContain("setup of erp-db-link succeeded: erp-db-link is Active.");
      expect(await stateOf("erp-db-link")).toBe("Active");
    });

    it("when the same request is applied again, then nothing changes and it exits 0 without starting anything", async () => {
      const { code, stdout, requests } = await cli(["apply", designFile, "--yes"]);
      expect(code).toBe(0);
      expect(stdout).toContain("No changes: erp-db-link is Active with this specification.");
      expect(requests).toEqual(["GET /api/interconnects/erp-db-link"]);
    });

    it("when the status is asked, then the table lists it and the detail shows its steps; json is Interlink's document", async () => {
      const list = await cli(["status"]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^NAME\s+STATE\s+BANDWIDTH/);
      expect(list.stdout).toMatch(/erp-db-link\s+Active\s+1000 Mbps\s+eastus <-> us-ashburn-1/);
      const detail = await cli(["status", "erp-db-link"]);
      expect(detail.stdout).toContain("erp-db-link: Active (ticket CHG0012345)");
      expect(detail.stdout).toMatch(/✓ verify\s+succeeded/);
      const json = await cli(["status", "erp-db-link", "--format", "json"]);
      expect(JSON.parse(json.stdout)).toMatchObject({ name: "erp-db-link", state: "Active", links: { self: "/api/interconnects/erp-db-link" } });
    });

    it("when health is checked now and then read back, then both say healthy and exit 0", async () => {
      const now = await cli(["health", "erp-db-link", "--now"]);
      expect(now.code).toBe(0);
      expect(now.stdout).toMatch(/^erp-db-link: healthy \(checked /);
      expect(now.stdout).toMatch(/FastConnect circuit\s+PROVISIONED, provider ACTIVE, BGP UP/);
      const last = await cli(["health", "erp-db-link", "--format", "json"]);
      expect(last.code).toBe(0);
      expect(JSON.parse(last.stdout)).toMatchObject({ name: "erp-db-link", verdict: "healthy" });
    });

    it("when the circuit is gone, then health --now exits 5 with the reason", async () => {
      await stack.emulators.admin.addFault({ match: { op: "expressRouteCircuits.get" }, action: { type: "error", status: 404, code: "ResourceNotFound", message: "gone", phase: "before" } });
      const { code, stdout } = await cli(["health", "erp-db-link", "--now"]);
      expect(code).toBe(5);
      expect(stdout).toMatch(/^erp-db-link: down/);
      expect(stdout).toContain("reasons:");
    });

    it("when only the bandwidth changes, then apply resizes both circuits in place and exits 0", async () => {
      const file = files.write("bigger.json", boundRequest((r) => (r.azure.circuit.bandwidthMbps = 2000)));
      const { code, stdout, stderr } = await cli(["apply", file, "--yes", "--interval", "60"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("resize erp-db-link in place: both circuits from 1000 to 2000 Mbps");
      expect(stdout).toContain("resize of erp-db-link succeeded: erp-db-link is Active.");
      expect((await run(stack, "GET", "/api/interconnects/erp-db-link")).body).toMatchObject({ spec: { azure: { circuit: { bandwidthMbps: 2000 } } } });
    });

    it("when anything else differs, then apply refuses with exit 7 naming the fields, before any prompt", async () => {
      const file = files.write("other.json", boundRequest((r) => (r.traffic = [{ from: "azure", to: "oci", protocol: "tcp", ports: "5432" }])));
      const { code, stderr, requests } = await cli(["apply", file, "--yes"]);
      expect(code).toBe(7);
      expect(stderr).toContain("erp-db-link exists (Active) with a different specification: azure.circuit.bandwidthMbps, traffic");
      expect(stderr).toContain("interlink destroy erp-db-link");
      expect(requests).toEqual(["GET /api/interconnects/erp-db-link"]);
    });

    it("when watching the finished resize, then its steps are shown and it exits 0", async () => {
      const { code, stdout } = await cli(["watch", "erp-db-link"]);
      expect(code).toBe(0);
      expect(stdout).toContain("Last operation: resize of erp-db-link (erp-db-link.resize.2).");
      expect(stdout).toMatch(/\] verify succeeded/);
    });

    it("when only the traffic rules change, then apply shows what is added and removed, changes them in place without touching the circuits and exits 0", async () => {
      const file = files.write("traffic.json", boundRequest((r) => ((r.azure.circuit.bandwidthMbps = 2000), (r.traffic = [{ from: "azure", to: "oci", protocol: "tcp", ports: "5432" }]))));
      const mark = (await stack.emulators.admin.journal()).at(-1)?.seq ?? 0;
      const { code, stdout, stderr, requests } = await cli(["apply", file, "--yes", "--interval", "60"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("Interlink will change erp-db-link in place:");
      expect(stdout).toMatch(/create\s+azure\s+securityRule/);
      expect(stdout).toMatch(/delete\s+azure\s+securityRule/);
      expect(stdout).toContain("update of erp-db-link succeeded: erp-db-link is Active.");
      expect(requests).toEqual(expect.arrayContaining(["POST /api/interconnects/erp-db-link/plan", "PATCH /api/interconnects/erp-db-link"]));
      expect((await run(stack, "GET", "/api/interconnects/erp-db-link")).body).toMatchObject({ spec: { traffic: [{ ports: "5432" }], azure: { circuit: { bandwidthMbps: 2000 } } } });
      const circuitWrites = (await stack.emulators.admin.journal({ since: mark })).filter((entry) => entry.method !== "GET" && /expressRouteCircuits|virtualCircuits/i.test(entry.path) && !/arpTables|routeTables|routesTable/i.test(entry.path));
      expect(circuitWrites).toEqual([]);
    });

    it("when a suspend's 202 is piped into watch -, then that suspend is followed to Suspended; so is the resume after it", async () => {
      const suspend = await stack.host.http.request("POST", "/api/interconnects/erp-db-link/suspend", { headers: { "x-functions-key": endpoint.key } });
      expect(suspend.status).toBe(202);
      const suspended = await cli(["watch", "-"], { stdin: suspend.text });
      expect(suspended.code).toBe(0);
      expect(suspended.stdout).toContain("suspend of erp-db-link succeeded: erp-db-link is Suspended.");
      const resume = await stack.host.http.request("POST", "/api/interconnects/erp-db-link/resume", { headers: { "x-functions-key": endpoint.key } });
      const resumed = await cli(["watch", "-", "--interval", "60"], { stdin: resume.text });
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain("resume of erp-db-link succeeded: erp-db-link is Active.");
    });

    it("when a refusal or nothing is piped into watch -, then it exits with the refusal's status or 2", async () => {
      const lower = await stack.host.http.request("PATCH", "/api/interconnects/erp-db-link", { json: { bandwidthMbps: 1000 }, headers: { "x-functions-key": endpoint.key } });
      expect(lower.status).toBe(409);
      const refused = await cli(["watch", "-"], { stdin: lower.text });
      expect(refused.code).toBe(7);
      expect(refused.stderr).toContain("Interlink refused the request (409): ExpressRoute cannot lower a circuit's bandwidth in place");
      const empty = await cli(["watch", "-"], { stdin: "" });
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain("pipe the answer of a POST, PATCH or DELETE into it");
    });

    it("when destroyed with --yes, then each teardown step is printed and it exits 0 at Deleted", async () => {
      const { code, stdout, stderr } = await cli(["destroy", "erp-db-link", "--yes", "--interval", "60"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("Interlink will tear down erp-db-link (Active), in this order:");
      for (const step of TEARDOWN_STEPS) expect(stdout).toMatch(new RegExp(`\\] ${step.id} succeeded`));
      expect(stdout).toContain("teardown of erp-db-link succeeded: erp-db-link is Deleted.");
      expect(await stateOf("erp-db-link")).toBe("Deleted");
    });

    it("when destroyed again, then there is nothing to do and it exits 0; an unknown name exits 6", async () => {
      const again = await cli(["destroy", "erp-db-link", "--yes"]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("erp-db-link is already Deleted; nothing to do.");
      const unknown = await cli(["destroy", "no-such-link", "--yes"]);
      expect(unknown.code).toBe(6);
      expect(unknown.stderr).toContain("no interconnect named no-such-link");
    });
  });

  it("when the provider fails the virtual circuit, then apply exits 1 with the failed step and the cloud's code and message", async () => {
    await fault(stack, { match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitFailed" } });
    const file = files.write("fail.json", namedRequest("cli-fail"));
    const { code, stdout, stderr } = await cli(["apply", file, "--yes", "--interval", "60"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\] provisioning failed/);
    expect(stderr).toContain("Error: setup of cli-fail failed at step provisioning: oci VirtualCircuitFailed: the FastConnect virtual circuit is FAILED");
    expect(stderr).toContain("Rolled back: what the setup had created was removed.");
  });

  it("when a setup outlasts --timeout, then apply exits 4 and it carries on; Ctrl-C on watch exits 130; watch then follows it to Active", async () => {
    const file = files.write("slow.json", namedRequest("cli-slow"));
    const timedOut = await cli(["apply", file, "--yes", "--timeout", "5m", "--interval", "60"]);
    expect(timedOut.code).toBe(4);
    expect(timedOut.stderr).toMatch(/^Timed out after 5m00s waiting for the setup of cli-slow \(at step \S+\); it carries on. Follow it: interlink watch cli-slow/);
    expect(await stateOf("cli-slow")).toBe("Provisioning");

    const interrupt = new AbortController();
    const stopped = await cli(["watch", "cli-slow"], { onSleep: () => interrupt.abort(), signal: interrupt.signal });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain("Stopped following; the setup of cli-slow carries on.");

    const watched = await cli(["watch", "cli-slow", "--interval", "60"]);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toContain("Following setup of cli-slow (cli-slow.setup.1).");
    expect(watched.stdout).toContain("setup of cli-slow succeeded: cli-slow is Active.");
  });

  it("when watching a ticket before its operation starts, then it waits for it and follows it to its end", async () => {
    let sent = false;
    const startTicket = async () => {
      if (sent) return;
      sent = true;
      const started = await stack.host.http.request("DELETE", "/api/interconnects/cli-slow", { json: { ticketId: "CHG0099999" }, headers: { "x-functions-key": endpoint.key } });
      expect(started.status).toBe(202);
    };
    const { code, stdout } = await cli(["watch", "cli-slow", "--ticket", "CHG0099999", "--interval", "60"], { onSleep: startTicket });
    expect(code).toBe(0);
    expect(stdout).toContain("waiting for an operation for ticket CHG0099999 to start");
    expect(stdout).toContain("teardown of cli-slow succeeded: cli-slow is Deleted.");
  });

  describe("refusals", () => {
    it("when the request file breaks a rule, then apply exits 2 naming the field and sends nothing", async () => {
      const file = files.write("overlap.json", namedRequest("cli-bad", (r) => (r.oci.vcnCidrs = ["10.10.0.0/20"])));
      const { code, stderr, requests } = await cli(["apply", file, "--yes"]);
      expect(code).toBe(2);
      expect(stderr).toContain("The setup request is not valid");
      expect(stderr).toMatch(/oci\.vcnCidrs\[0\]: .*10\.10\.0\.0\/20/);
      expect(requests).toEqual([]);
    });

    it("when the file is not JSON, then apply exits 2 saying so", async () => {
      const { code, stderr } = await cli(["apply", files.write("broken.json", "{ nope"), "--yes"]);
      expect(code).toBe(2);
      expect(stderr).toContain("broken.json is not valid JSON");
    });

    it("when standard input is not a terminal and --yes is missing, then apply and destroy refuse to prompt and send nothing", async () => {
      const applied = await cli(["apply", designFile]);
      expect(applied.code).toBe(2);
      expect(applied.stderr).toContain("standard input is not a terminal, so interlink apply cannot ask for confirmation; pass --yes");
      const destroyed = await cli(["destroy", "erp-db-link"]);
      expect(destroyed.code).toBe(2);
      expect([...applied.requests, ...destroyed.requests]).toEqual([]);
    });

    it("when the answer at the prompt is not yes, then nothing starts and it exits 1", async () => {
      const file = files.write("declined.json", namedRequest("cli-declined"));
      const { code, stdout, requests } = await cli(["apply", file], { tty: true, stdin: "no\n" });
      expect(code).toBe(1);
      expect(stdout).toContain("Do you want Interlink to set up cli-declined?");
      expect(stdout).toContain("Apply cancelled; nothing was started.");
      expect(requests).toEqual(["GET /api/interconnects/cli-declined", "POST /api/interconnects/plan"]);
    });

    it("when nothing listens at the URL, then it exits 3 saying it cannot reach Interlink", async () => {
      const url = `http://127.0.0.1:${await freePort()}/api`;
      const { code, stderr } = await cli(["status"], { url });
      expect(code).toBe(3);
      expect(stderr).toContain(`cannot reach Interlink at ${url}`);
    });

    it("when the key is wrong or missing while keys are enforced, then it exits 3 with which and starts nothing", async () => {
      const file = files.write("keyed.json", namedRequest("cli-keyed"));
      const wrong = await cli(["apply", file, "--yes"], { key: "not-the-key" });
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toMatch(/Interlink refused the key \(401 on \/api\/interconnects[^)]*\): check --key or INTERLINK_KEY/);
      const missing = await cli(["apply", file, "--yes"], { key: null });
      expect(missing.code).toBe(3);
      expect(missing.stderr).toMatch(/Interlink needs a function key for \/api\/interconnects[^ ]* \(401\): pass --key or set INTERLINK_KEY/);
      expect((await run(stack, "GET", "/api/interconnects/cli-keyed")).status).toBe(404);
    });
  });
  describe("interlink vpn: the same workflow for a VPN link (the README's azure-oci example)", () => {
    const vpnFile = path.resolve(__dirname, "../fixtures/vpn-example.json");
    const example = JSON.parse(readFileSync(vpnFile, "utf8")) as VpnLinkRequestInput & { type: "azure-oci" };
    const NAME = example.name;
    /** Everything the vpn commands printed: no pre-shared key may be in it. */
    const printed: string[] = [];
    const keys = new Set<string>();
    /** The tunnels' keys as OCI holds them now, added to those seen before: none may be in what was printed. */
    async function expectNoKeyPrinted() {
      const clouds = await createClouds(parseSettings(emulatorAppSettings(stack.emulators, stack.azurite.connectionString)));
      const { resources } = (await run(stack, "GET", `/api/vpn-links/${NAME}`)).body as { resources: { ipsecConnectionId: string; tunnelIds: string[] } };
      for (const tunnelId of resources.tunnelIds) keys.add(await clouds.oci.getTunnelSharedSecret(resources.ipsecConnectionId, tunnelId));
      expect([...keys].filter((key) => key.length >= 8).length).toBeGreaterThanOrEqual(2);
      for (const key of keys) expect(printed.join("\n")).not.toContain(key);
    }
    const vpn = async (args: string[]) => {
      const result = await cli(["vpn", ...args]);
      printed.push(result.stdout, result.stderr);
      return result;
    };

    it("when applied with --yes, then the plan, each step and Active are printed, and it exits 0", async () => {
      const { code, stdout, stderr } = await vpn(["apply", vpnFile, "--yes", "--interval", "300"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(`Interlink will set up the azure-oci VPN link ${NAME}:`);
      expect(stdout).toMatch(/BGP\s+tunnel 1 169\.254\.21\.0\/30: Oracle 169\.254\.21\.1 \(ASN 31898\), Azure 169\.254\.21\.2 \(ASN 65515\)/);
      for (const step of VPN_SETUP_STEPS) expect(stdout).toMatch(new RegExp(`\\] ${step.id} succeeded`));
      expect(stdout).toContain(`setup of ${NAME} succeeded: ${NAME} is Active.`);
      expect((await run(stack, "GET", `/api/vpn-links/${NAME}`)).body.state).toBe("Active");
    });

    it("when the same request is applied again, then nothing changes and only the link is read", async () => {
      const { code, stdout, requests } = await vpn(["apply", vpnFile, "--yes"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`No changes: ${NAME} is Active with this specification.`);
      expect(requests).toEqual([`GET /api/vpn-links/${NAME}`]);
    });

    it("when the status is asked, then the table lists it, the detail shows its tunnels' addressing and steps; no key is printed", async () => {
      const list = await vpn(["status"]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`^NAME\\s+TYPE\\s+STATE[\\s\\S]*\\n${NAME}\\s+azure-oci\\s+Active\\s+bgp\\s+vnet-app`));
      const detail = await vpn(["status", NAME]);
      expect(detail.stdout).toContain(`${NAME}: Active (ticket CHG0012399)`);
      expect(detail.stdout).toMatch(/BGP\s+tunnel 2 169\.254\.22\.0\/30/);
      expect(detail.stdout).toMatch(/✓ verify\s+succeeded/);
      const json = await vpn(["status", NAME, "--format", "json"]);
      expect(JSON.parse(json.stdout)).toMatchObject({ name: NAME, state: "Active", links: { rotateKey: `/api/vpn-links/${NAME}/rotate-key` } });
      const health = await vpn(["health", NAME, "--now"]);
      expect(health.code).toBe(0);
      expect(health.stdout).toMatch(new RegExp(`^${NAME}: healthy \\(checked `));
      expect(health.stdout).toMatch(/carried by\s+VPN/);
      await expectNoKeyPrinted();
    });

    it("when the keys are rotated with --yes, then both tunnel steps are followed to the end and no key, old or new, is printed", async () => {
      const { code, stdout, stderr } = await vpn(["rotate-key", NAME, "--yes", "--ticket", "CHG0012400", "--interval", "300"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(`Interlink will give ${NAME} (Active) new pre-shared keys, one tunnel at a time:`);
      expect(stdout).toMatch(/\] tunnel-1 succeeded[\s\S]*\] tunnel-2 succeeded/);
      expect(stdout).toContain(`rotate-key of ${NAME} succeeded: ${NAME} is Active.`);
      await expectNoKeyPrinted();
    });

    it("when another specification is applied under its name, then it exits 7 naming the fields, before any prompt; a broken file exits 2 sending nothing", async () => {
      const other = files.write("vpn-other.json", { ...example, azure: { ...example.azure, gateway: { sku: "VpnGw2AZ", asn: 65515 } }, routing: { mode: "static" } });
      const refused = await vpn(["apply", other, "--yes"]);
      expect(refused.code).toBe(7);
      expect(refused.stderr).toContain(`${NAME} exists (Active) with a different specification: azure.gateway.sku, routing.mode, routing.tunnels`);
      expect(refused.stderr).toContain(`interlink vpn destroy ${NAME}`);
      expect(refused.requests).toEqual([`GET /api/vpn-links/${NAME}`]);
      const broken = files.write("vpn-broken.json", { ...example, routing: { mode: "bgp", tunnels: ["169.254.20.0/30", "169.254.21.0/30"] } });
      const invalid = await vpn(["apply", broken, "--yes"]);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain("The VPN link request is not valid");
      expect(invalid.stderr).toMatch(/routing\.tunnels\[0\]: must lie in Azure's APIPA range/);
      expect(invalid.requests).toEqual([]);
    });

    it("when destroyed with --yes, then the teardown order is shown, each step printed, and it exits 0 at Deleted", async () => {
      const { code, stdout, stderr } = await vpn(["destroy", NAME, "--yes", "--interval", "300"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain(`Interlink will tear down ${NAME} (Active), in this order:`);
      for (const step of VPN_TEARDOWN_STEPS) expect(stdout).toMatch(new RegExp(`\\] ${step.id} succeeded`));
      expect(stdout).toContain(`teardown of ${NAME} succeeded: ${NAME} is Deleted.`);
      expect((await run(stack, "GET", `/api/vpn-links/${NAME}`)).status).toBe(404);
      const gone = await vpn(["status", NAME]);
      expect(gone.code).toBe(6);
      expect(gone.stderr).toContain(`no VPN link named ${NAME}`);
    });

    it("when a point-to-site link is applied, then where its client package is and where certificates are issued are printed; rotate-key is refused (7) before any prompt; client-package prints a new link", async () => {
      const p2sFile = files.write("p2s.json", { name: "staff-p2s", type: "point-to-site", azure: example.azure, clientAddressPool: ["172.16.201.0/24"] });
      const applied = await vpn(["apply", p2sFile, "--yes", "--interval", "300"]);
      expect(applied.stderr).toBe("");
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(/client address pool\s+172\.16\.201\.0\/24/);
      expect(applied.stdout).toContain("setup of staff-p2s succeeded: staff-p2s is Active.");
      const first = /VPN client package: (\S+)/.exec(applied.stdout)?.[1];
      expect(first).toMatch(/\/__emulator\/vpnclientpackages\//);
      expect(applied.stdout).toContain("Client certificates: POST /api/vpn-links/staff-p2s/client-certificates");

      const rotate = await vpn(["rotate-key", "staff-p2s", "--yes"]);
      expect(rotate.code).toBe(7);
      expect(rotate.stderr).toContain("staff-p2s is a point-to-site link: it has no shared key");
      expect(rotate.requests).toEqual(["GET /api/vpn-links/staff-p2s"]);

      const renewed = await vpn(["client-package", "staff-p2s", "--interval", "300"]);
      expect(renewed.code).toBe(0);
      expect(renewed.stdout).toContain("client-package of staff-p2s succeeded: staff-p2s is Active.");
      const second = /VPN client package: (\S+)/.exec(renewed.stdout)?.[1];
      expect(second).toMatch(/\/__emulator\/vpnclientpackages\//);
      expect(second).not.toBe(first);

      const destroyed = await vpn(["destroy", "staff-p2s", "--yes", "--interval", "300"]);
      expect(destroyed.code).toBe(0);
      expect(destroyed.stdout).toContain("teardown of staff-p2s succeeded: staff-p2s is Deleted.");
    });
  });
});
