import { generateKeyPairSync, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { main } from "../../cli/main";
import { AZURE_NETWORK_ACTIONS, missingActions } from "../../shared/domain/azure-permissions";
import { emulatorAppSettings } from "../support/app-settings";
import { designRequest } from "../support/requests";
import { DEMO, type Harness, startHarness } from "./harness";

interface Report {
  checks: Array<{ cloud: string; check: string; status: string; detail: string; fix?: string }>;
  problems: number;
}

/** `interlink doctor -` on DESIGN.md's example, with the app's settings pointing at the emulators (plus `env`). */
async function doctor(h: Harness, env: Record<string, string> = {}, format: "json" | "text" = "json") {
  let stdout = "";
  let stderr = "";
  const code = await main(["doctor", "-", "--format", format], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([JSON.stringify(designRequest())]),
    // The CLI reads settings as the app does; nothing else from this process's environment leaks in.
    env: { ...emulatorAppSettings(h.emulators, "UseDevelopmentStorage=true"), ...env },
  });
  return { code, stdout, stderr, report: (format === "json" && stdout ? JSON.parse(stdout) : undefined) as Report | undefined };
}

const statusOf = (report: Report | undefined) => report?.checks.map((check) => `${check.status} ${check.cloud} ${check.check}`);

describe("interlink doctor against the emulators", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    await h.emulators.admin.clearFaults();
    await h.emulators.admin.outOfBand({ action: "setPermissions", cloud: "azure", permissions: [{ actions: ["*"], notActions: [] }] });
  });

  it("when both clouds accept the credentials and grant what Interlink needs, then every check is ok and the exit status is 0", async () => {
    const { code, report } = await doctor(h);
    expect(statusOf(report)).toEqual([
      "ok azure credential",
      `ok azure read resource group ${DEMO.resourceGroup}`,
      `ok azure permissions in resource group ${DEMO.resourceGroup}`,
      "ok oci signed request",
      `ok oci read compartment ${DEMO.compartmentId}`,
    ]);
    expect(code).toBe(0);
  });

  it("when the OCI key is one the tenancy does not trust, then the signed request is MISSING with how to fix it, exit 1; Azure is still checked", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const fingerprint = (createHash("md5").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").match(/../g) ?? []).join(":");
    const config = readFileSync(h.emulators.oci.configFile, "utf8");
    const field = (name: string) => new RegExp(`^${name}=(.+)$`, "m").exec(config)?.[1] ?? "";
    const { code, report } = await doctor(h, {
      OCI_TENANCY_OCID: field("tenancy"),
      OCI_USER_OCID: field("user"),
      OCI_FINGERPRINT: fingerprint,
      OCI_PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    });
    expect(code).toBe(1);
    const signed = report?.checks.find((check) => check.check === "signed request");
    expect(signed).toMatchObject({ status: "missing", detail: expect.stringContaining("401 NotAuthenticated"), fix: expect.stringContaining("upload the public key") });
    expect(report?.checks.find((check) => check.cloud === "oci" && check.check.startsWith("read"))?.status).toBe("skipped");
    expect(report?.checks.filter((check) => check.cloud === "azure").every((check) => check.status === "ok")).toBe(true);
    expect(report?.problems).toBe(1);
  });

  it("when ARM refuses the VNet read with 403, then the read is MISSING with the role to assign", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.get" }, action: { type: "error", status: 403, code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read'." } });
    const { code, stdout } = await doctor(h, {}, "text");
    expect(code).toBe(1);
    expect(stdout).toContain(`MISSING  azure  read resource group ${DEMO.resourceGroup}: reading VNet ${DEMO.vnet.name} was refused: 403 AuthorizationFailed`);
    expect(stdout).toContain("fix: give Interlink's identity the 'Interlink network operator' role on that resource group");
    expect(stdout).toContain("1 problem(s) found.");
  });

  it("when the identity's roles leave out actions Interlink performs, then the permissions check names them", async () => {
    await h.emulators.admin.outOfBand({
      action: "setPermissions",
      cloud: "azure",
      permissions: [{ actions: ["Microsoft.Network/*/read", "Microsoft.Network/virtualNetworks/*", "Microsoft.Network/routeTables/*"], notActions: ["Microsoft.Network/routeTables/delete"] }],
    });
    const { code, report } = await doctor(h);
    expect(code).toBe(1);
    const permissions = report?.checks.find((check) => check.check.startsWith("permissions"));
    expect(permissions?.status).toBe("missing");
    expect(permissions?.detail).toContain("Microsoft.Network/routeTables/delete");
    expect(permissions?.detail).toContain("Microsoft.Network/expressRouteCircuits/write");
    expect(permissions?.detail).not.toContain("Microsoft.Network/virtualNetworks/subnets/write");
  });

  it("when the request is not a valid setup request, then exit 2 naming the field", async () => {
    let stderr = "";
    const code = await main(["doctor", "-"], { stdout: { write: () => undefined }, stderr: { write: (text: string) => (stderr += text) }, stdin: Readable.from(['{"name":"x"}']) });
    expect(code).toBe(2);
    expect(stderr).toContain("azure: is required");
  });
});

describe("the actions doctor checks", () => {
  it("when compared with the deployment template's custom role, then they are the same actions", () => {
    const template = JSON.parse(readFileSync(path.resolve(__dirname, "../../infra/main.json"), "utf8")) as { variables: { networkRoleActions: string[] } };
    expect([...AZURE_NETWORK_ACTIONS].sort()).toEqual([...template.variables.networkRoleActions].sort());
  });

  it("when roles grant with wildcards and exclusions, then an action counts as granted only by an entry that allows it and does not exclude it", () => {
    const required = ["Microsoft.Network/routeTables/write", "Microsoft.Network/routeTables/delete", "Microsoft.Network/connections/read"];
    expect(missingActions(required, [{ actions: ["*"], notActions: [] }])).toEqual([]);
    expect(missingActions(required, [{ actions: ["microsoft.network/*"], notActions: ["Microsoft.Network/routeTables/delete"] }])).toEqual(["Microsoft.Network/routeTables/delete"]);
    expect(missingActions(required, [{ actions: ["*/read"], notActions: [] }, { actions: ["Microsoft.Network/routeTables/*"], notActions: [] }])).toEqual([]);
    expect(missingActions(required, [])).toEqual(required);
  });
});
