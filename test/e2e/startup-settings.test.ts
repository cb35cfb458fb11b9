// Settings are checked when each entry point starts: `npm start` (the dev stack) and the Functions app as a host
// loads it. A bad or inconsistent setting stops it within seconds, with one line naming the setting and the rule,
// before anything is started.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isolatedStackEnv } from "@interlink/dev-stack/testing";
import { startNode } from "../support/processes";

jest.setTimeout(60_000);

let stateDir: string;
beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-settings-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** The example settings (no local.settings.json), changed by `settings` only. */
const stackEnv = (settings: Record<string, string>) => isolatedStackEnv(stateDir, { CLOUD_MODE: undefined, INTERLINK_TIME_SCALE: undefined, ...settings });

const ONE_LINE = /^[^\n]+\n?$/;

it("when npm start meets a malformed or inconsistent setting, then it exits non-zero with one line naming it and the rule, and starts nothing", async () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ OCI_REGION: "ashburn" }, /invalid setting OCI_REGION=ashburn: must be an OCI region identifier such as us-ashburn-1$/],
    [{ HEALTH_CHECK_BATCH_SIZE: "abc" }, /invalid setting HEALTH_CHECK_BATCH_SIZE=abc: must be a whole number from 1 to 500$/],
    [{ HEALTH_CHECK_SCHEDULE: "every 5 minutes" }, /invalid setting HEALTH_CHECK_SCHEDULE="every 5 minutes": must be a 6-field NCRONTAB expression/],
    // The example settings point at the emulators: live mode refuses them rather than report "Clouds live".
    [{ CLOUD_MODE: "live" }, /invalid setting AZURE_ARM_ENDPOINT=https:\/\/127\.0\.0\.1:8443: is a loopback address, and CLOUD_MODE=live refuses loopback endpoints/],
  ];
  const runs = await Promise.all(cases.map(async ([settings]) => startNode("packages/dev-stack/dist/src/main.js", [], await stackEnv(settings))));
  for (const [index, [, line]] of cases.entries()) {
    const run = runs[index];
    expect(await run?.exited).toBe(1);
    expect(run?.output()).toMatch(ONE_LINE);
    expect(run?.output().trim()).toMatch(line);
    expect(run?.output()).not.toContain("Clouds");
  }
  expect(["azurite", "emulators", "host"].filter((part) => existsSync(path.join(stateDir, part)))).toEqual([]);
});

it("when a host loads the app with a malformed setting, then the app refuses to load with one line naming it", async () => {
  const host = startNode("packages/functions-host/dist/src/cli.js", ["start", "--port", "0", "--state", path.join(stateDir, "lone-host")], { ...process.env, HEALTH_CHECK_BATCH_SIZE: "abc" });
  expect(await host.exited).toBe(1);
  expect(host.output()).toMatch(ONE_LINE);
  expect(host.output()).toMatch(/^Cannot load the app in .*: invalid setting HEALTH_CHECK_BATCH_SIZE=abc: must be a whole number from 1 to 500\n$/);
});
