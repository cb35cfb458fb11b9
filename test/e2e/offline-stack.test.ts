// End to end on the offline stack that `npm start` runs (separate processes, real HTTP): Azurite, the cloud
// emulators and the Functions dev host, sped up with INTERLINK_TIME_SCALE so 35 emulated minutes take seconds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type OfflineStack, startOfflineStack } from "../support/offline-stack";
import { repoRoot } from "../support/processes";

jest.setTimeout(180_000);

const example = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/design-example.json"), "utf8")) as { name: string };

interface Status {
  result: string;
  done: boolean;
  runtimeStatus: string;
  step: string | null;
}

/** Follows an operation on Interlink's status route (the 202's Location) until it ends. */
async function poll(url: string, timeoutMs: number): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(url)).json()) as Status;
    if (status.done) return status;
    if (Date.now() > deadline) throw new Error(`still ${status.runtimeStatus} at step ${status.step ?? "?"} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("the offline stack (npm start)", () => {
  let stack: OfflineStack;

  beforeAll(async () => {
    stack = await startOfflineStack("0.004");
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("when it is ready, then it suggests posting the example request, says what it keeps and how fast time runs, and the console is quiet", () => {
    const output = stack.process.output();
    expect(output).toContain("curl -s -X POST");
    expect(output).toContain("-d @test/fixtures/design-example.json");
    expect(output).toMatch(/State\s+kept in .* for the next start \(Azurite, emulated clouds, host\)/);
    expect(output).toMatch(/Time\s+250x real time \(INTERLINK_TIME_SCALE=0\.004\): .*every time shown \(statuses, inventory, events, log lines\)/);
    expect(output).not.toMatch(/Request cannot be retried|health sweep started/);
  });

  it("when the example request is posted, then it reaches Active with both BGP sessions UP, survives a restart healthy, and DELETE leaves no interlink resource", async () => {
    const { api } = stack;
    const post = await fetch(`${api}/interconnects`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(example) });
    expect(post.status).toBe(202);
    const location = post.headers.get("location") ?? "";
    expect(location).toBe("/api/interconnects/erp-db-link/operations/erp-db-link.setup.1");
    const setup = await poll(new URL(location, api).href, 120_000);
    expect(setup).toMatchObject({ result: "succeeded", runtimeStatus: "Completed" });

    const detail = (await (await fetch(`${api}/interconnects/${example.name}`)).json()) as { state: string; evidence: Record<string, unknown>; bgp: unknown; steps: Array<{ status: string }> };
    expect(detail.state).toBe("Active");
    expect(detail.evidence).toMatchObject({ bgpSessionState: "UP", connectionStatus: "Connected", azureLearnedPrefixes: { primary: ["10.20.0.0/16"], secondary: ["10.20.0.0/16"] }, ociLearnedPrefixes: ["10.10.0.0/16"] });
    expect(detail.steps.every((step) => step.status === "succeeded" || step.status === "pending")).toBe(true);
    expect(JSON.stringify(detail)).not.toMatch(/serviceKey/i);
    expect(stack.process.output()).toMatch(/setup erp-db-link started \(instance erp-db-link\.setup\.\d+\)/);
    expect(stack.process.output()).toContain("setup erp-db-link succeeded: Active");

    // A restarted stack keeps the emulated clouds with the inventory: the interconnect is still there, and healthy.
    await stack.restart();
    const checked = await fetch(`${stack.api}/interconnects/${example.name}/health`, { method: "POST" });
    expect(await checked.json()).toMatchObject({ verdict: "healthy", reasons: [] });
    expect(((await (await fetch(`${stack.api}/interconnects/${example.name}`)).json()) as { state: string }).state).toBe("Active");

    const remove = await fetch(`${stack.api}/interconnects/${example.name}`, { method: "DELETE" });
    expect(remove.status).toBe(202);
    const teardown = await poll(new URL(remove.headers.get("location") ?? "", stack.api).href, 120_000);
    expect(teardown).toMatchObject({ result: "succeeded", runtimeStatus: "Completed" });

    const snapshot = (await (await fetch(`${stack.oci}/__emulator/snapshot`)).json()) as { azure: Array<{ resource: { tags?: Record<string, string> } }>; oci: Array<{ resource: { freeformTags?: Record<string, string>; lifecycleState?: string } }> };
    const leftovers = [
      ...snapshot.azure.filter((entry) => entry.resource.tags?.interlink),
      ...snapshot.oci.filter((entry) => entry.resource.freeformTags?.interlink && !["TERMINATED", "DETACHED", "TERMINATING", "DETACHING"].includes(String(entry.resource.lifecycleState))),
    ];
    expect(leftovers.filter((entry) => !JSON.stringify(entry).includes('"provisioningState":"Deleting"'))).toEqual([]);
    expect(await (await fetch(`${stack.oci}/__emulator/orphans`)).json()).toEqual({ orphans: [] });
  });
});
