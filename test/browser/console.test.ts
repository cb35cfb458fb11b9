// The web console in a real browser (Debian's Chromium driven by playwright-core) against the stack `npm start`
// runs, with function keys enforced: set up from the page, follow the timeline to Active, see the topology with both
// BGP sessions up, flap BGP in the emulator and see the link turn Degraded after a sweep, tear it down from the page.
// Screenshots of every page go to artifacts/console-screenshots/ (git-ignored).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { type OfflineStack, startOfflineStack } from "../support/offline-stack";
import { repoRoot } from "../support/processes";

jest.setTimeout(240_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const shots = path.join(repoRoot, "artifacts/console-screenshots");
const example = readFileSync(path.join(repoRoot, "test/fixtures/design-example.json"), "utf8");
const name = (JSON.parse(example) as { name: string }).name;
/** Long enough for a sweep to see it (the timer sweeps every 5 emulated minutes), short enough to end by itself. */
const FLAP_MS = 2 * 60 * 60 * 1000;

describe("the web console (Chromium, keys enforced)", () => {
  let stack: OfflineStack;
  let browser: Browser;
  let page: Page;
  let key: string;
  const consoleErrors: Array<{ text: string; url: string }> = [];

  const shoot = (file: string) => page.screenshot({ path: path.join(shots, file), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium; .ci/run does)`);
    mkdirSync(shots, { recursive: true });
    [stack, browser] = await Promise.all([
      startOfflineStack("0.004", { FUNCTIONS_HOST_KEYS_ENFORCED: "true" }),
      chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] }),
    ]);
    key = (JSON.parse(readFileSync(path.join(stack.stateDir, "host/keys.json"), "utf8")) as { hostKeys: { default: string } }).hostKeys.default;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push({ text: message.text(), url: message.location().url });
    });
    page.on("pageerror", (error) => consoleErrors.push({ text: error.message, url: "" }));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("when it opens with keys enforced, then it asks for the key first and then shows the empty state", async () => {
    await page.goto(`${stack.api}/console`);
    await page.getByLabel("Function key").fill(key);
    await page.getByRole("button", { name: "Use key" }).click();
    await expect(page.getByRole("heading", { name: "No interconnects yet" }).waitFor()).resolves.toBeUndefined();
    await shoot("links-empty.png");
  });

  it("when a request breaks a rule, then the API's error is shown beside the field, and a valid one plans", async () => {
    await page.getByRole("link", { name: "New interconnect" }).click();
    const invalid = JSON.parse(example) as { azure: { circuit: { bandwidthMbps: number } } };
    invalid.azure.circuit.bandwidthMbps = 3000;
    await page.getByLabel("Setup request (JSON)").fill(JSON.stringify(invalid, null, 2));
    await page.getByRole("button", { name: "Plan (dry run)" }).click();
    const field = page.locator('tr[data-field="azure.circuit.bandwidthMbps"]');
    await field.waitFor();
    expect(await field.textContent()).toContain("must be one of 1000, 2000, 5000, 10000 Mbps");
    await shoot("new-invalid.png");
    // Chromium logs every 4xx answer as an error: this 400 is the refusal the step asked for, and the only one.
    expect(consoleErrors.splice(0)).toEqual([{ text: expect.stringContaining("400") as unknown as string, url: `${stack.api}/interconnects/plan` }]);

    await page.getByLabel("Setup request (JSON)").fill(example);
    await page.getByRole("button", { name: "Plan (dry run)" }).click();
    await page.getByTestId("plan").waitFor();
    expect(await page.getByTestId("plan").textContent()).toContain("dry run");
    await shoot("new-plan.png");
  });

  it("when the setup is started from the page, then its timeline runs to Active and the topology shows both BGP sessions UP", async () => {
    await page.getByRole("button", { name: "Start setup…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Start setup" }).click();
    // The ExpressRoute gateway takes half an hour (emulated): its step shows what it waits for and when it looks again.
    await page.locator('li.step.running[data-step="gateway"] [data-testid="next-check"]').waitFor({ timeout: 60_000 });
    await shoot("link-operation-running.png");
    await page.locator('section.timeline[data-result="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByLabel("State: Active").waitFor();
    expect(await page.locator("li.step.failed").count()).toBe(0);
    await shoot("link-operation.png");

    await page.getByRole("link", { name: "Topology" }).click();
    await page.locator('g.session[data-session="primary"][data-state="UP"]').waitFor();
    await page.locator('g.session[data-session="secondary"][data-state="UP"]').waitFor();
    await shoot("link-topology.png");
  });

  it("when BGP flaps in the emulator, then after a sweep the link shows Degraded, the sessions red with the reason, and the health change in its history", async () => {
    const flap = await fetch(`${stack.oci}/__emulator/oob`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "bgpFlap", downMs: FLAP_MS }) });
    expect(flap.status).toBeLessThan(300);
    await page.getByLabel("State: Degraded").waitFor({ timeout: 60_000 });
    await page.locator('g.session.down[data-session="primary"]').waitFor();
    expect(await page.getByTestId("topology-reasons").textContent()).toMatch(/BGP/i);
    await shoot("link-topology-degraded.png");

    await page.getByRole("link", { name: "Health and events" }).click();
    await page.getByTestId("health-history").getByText("degraded").first().waitFor();
    for (const outcome of ["accepted", "succeeded", "health-changed"]) await page.locator(`[data-testid="events"] tr[data-outcome="${outcome}"]`).first().waitFor();
    await shoot("link-health.png");

    await page.getByRole("link", { name: "Links" }).first().click();
    await page.locator(`tr[data-link="${name}"]`).waitFor();
    expect(await page.locator(`tr[data-link="${name}"]`).textContent()).toContain("Degraded");
    await shoot("links.png");
  });

  it("when it is torn down from the page, then the link ends Deleted, and the browser logged no error on the way", async () => {
    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Tear down…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
    await dialog.getByRole("button", { name: "Tear down" }).click();
    await page.getByLabel("State: Deleted").waitFor({ timeout: 120_000 });
    await page.locator('section.timeline[data-result="succeeded"]').waitFor();
    await shoot("link-teardown.png");
    expect(consoleErrors).toEqual([]);
  });
});
