import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSettings } from "../../../shared/config/settings";
import { refusalOf } from "../../support/settings";

/** The offline defaults a fresh clone runs with (local.settings.example.json's Values). */
const example = (JSON.parse(readFileSync(path.resolve(__dirname, "../../../local.settings.example.json"), "utf8")) as { Values: Record<string, string> }).Values;

const refusal = (environment: Record<string, string>) => refusalOf(() => parseSettings(environment));

describe("settings at start-up", () => {
  it("when the example settings are used as they are, then they parse with the offline defaults", () => {
    expect(parseSettings(example)).toMatchObject({ CLOUD_MODE: "emulator", HEALTH_CHECK_BATCH_SIZE: 25, HEALTH_CHECK_CONCURRENCY: 4, INTERLINK_TIME_SCALE: 0.02, HEALTH_CHECK_SCHEDULE: "0 */5 * * * *" });
  });

  it.each([
    [{ OCI_REGION: "ashburn" }, "invalid setting OCI_REGION=ashburn: must be an OCI region identifier such as us-ashburn-1"],
    [{ HEALTH_CHECK_BATCH_SIZE: "abc" }, "invalid setting HEALTH_CHECK_BATCH_SIZE=abc: must be a whole number from 1 to 500"],
    [{ HEALTH_CHECK_BATCH_SIZE: "2.5" }, "invalid setting HEALTH_CHECK_BATCH_SIZE=2.5: must be a whole number from 1 to 500"],
    [{ HEALTH_CHECK_CONCURRENCY: "0" }, "invalid setting HEALTH_CHECK_CONCURRENCY=0: must be a whole number from 1 to 64"],
    [{ OCI_MAX_REQUESTS_PER_SECOND: " " }, 'invalid setting OCI_MAX_REQUESTS_PER_SECOND=" ": must be a number greater than 0, such as 20 or 2.5'],
    [{ HEALTH_CHECK_SCHEDULE: "every 5 minutes" }, 'invalid setting HEALTH_CHECK_SCHEDULE="every 5 minutes": must be a 6-field NCRONTAB expression such as 0 */5 * * * * (second minute hour day month weekday)'],
    [{ HEALTH_CHECK_SCHEDULE: "*/5 * * * *" }, 'invalid setting HEALTH_CHECK_SCHEDULE="*/5 * * * *": must be a 6-field NCRONTAB expression such as 0 */5 * * * * (second minute hour day month weekday)'],
    [{ CLOUD_MODE: "Live" }, 'invalid setting CLOUD_MODE=Live: must be one of "emulator", "live"'],
    [{ INTERLINK_TIME_SCALE: "50" }, "invalid setting INTERLINK_TIME_SCALE=50: must be a number greater than 0 and at most 1, such as 0.02 (50 times faster) or 1 (real time)"],
  ])("when %j, then start-up stops with one line naming the setting, its value and the rule", (setting, line) => {
    const message = refusal({ ...example, ...setting });
    expect(message).toBe(line);
    expect(message).not.toContain("\n");
  });

  it("when CLOUD_MODE=live keeps the example's loopback endpoints, then live mode refuses them (and the other offline-only settings) in one line", () => {
    expect(refusal({ ...example, CLOUD_MODE: "live" })).toBe(
      "invalid setting AZURE_ARM_ENDPOINT=https://127.0.0.1:8443: is a loopback address, and CLOUD_MODE=live refuses loopback endpoints (they are the offline emulators); remove it to use the cloud's own endpoint (also invalid: OCI_ENDPOINT, INTERLINK_TIME_SCALE)",
    );
    expect(refusal({ CLOUD_MODE: "live", OCI_ENDPOINT: "http://localhost:8444", OCI_CONFIG_FILE: "/etc/oci/config" })).toMatch(/^invalid setting OCI_ENDPOINT=http:\/\/localhost:8444: is a loopback address, and CLOUD_MODE=live refuses loopback endpoints/);
    expect(refusal({ CLOUD_MODE: "live", AZURE_ARM_CA_FILE: ".interlink/tls/ca.pem", OCI_CONFIG_FILE: "/etc/oci/config" })).toBe("invalid setting AZURE_ARM_CA_FILE=.interlink/tls/ca.pem: is the offline ARM emulator's certificate authority; remove it when CLOUD_MODE=live");
  });

  it("when CLOUD_MODE=live has real endpoints (or none) and real time, then it is accepted", () => {
    expect(parseSettings({ CLOUD_MODE: "live", OCI_CONFIG_FILE: "/etc/oci/config", OCI_REGION: "us-ashburn-1" })).toMatchObject({ CLOUD_MODE: "live", INTERLINK_TIME_SCALE: 1 });
    expect(parseSettings({ CLOUD_MODE: "live", OCI_AUTH: "resource_principal", AZURE_ARM_ENDPOINT: "https://management.azure.com" }).AZURE_ARM_ENDPOINT).toBe("https://management.azure.com");
  });

  it("when emulator mode is pointed at a real cloud, then it is refused: the offline stack never leaves loopback", () => {
    expect(refusal({ ...example, AZURE_ARM_ENDPOINT: "https://management.azure.com" })).toBe("invalid setting AZURE_ARM_ENDPOINT=https://management.azure.com: must be a loopback URL (127.0.0.1 or localhost) when CLOUD_MODE=emulator");
  });

  it("when a secret setting is refused, then its value is not repeated", () => {
    const message = refusal({ ...example, CLOUD_MODE: "emulator", ALERT_WEBHOOK_URL: "https://hooks.example.com/T0KEN-s3cret" });
    expect(message).toBe("invalid setting ALERT_WEBHOOK_URL (value hidden): must be a loopback URL (127.0.0.1 or localhost) when CLOUD_MODE=emulator");
    expect(refusal({ OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaa", OCI_PRIVATE_KEY: "-----BEGIN PRIVATE KEY----- s3cret" })).not.toContain("s3cret");
  });

  it("when other tenancies' keys are malformed, then start-up stops naming the entry and field, never the key", () => {
    const entry = { tenancy: "ocid1.tenancy.oc1..bbbb", user: "ocid1.user.oc1..cccc", fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", privateKey: "-----BEGIN PRIVATE KEY----- s3cret" };
    expect(parseSettings({ ...example, OCI_TENANCY_CREDENTIALS: JSON.stringify([entry]) }).OCI_TENANCY_CREDENTIALS).toContain("s3cret");
    const bad = refusal({ ...example, OCI_TENANCY_CREDENTIALS: JSON.stringify([entry, { ...entry, fingerprint: "nope" }]) });
    expect(bad).toBe("invalid setting OCI_TENANCY_CREDENTIALS (value hidden): [1.fingerprint] must be an MD5 key fingerprint");
    expect(refusal({ ...example, OCI_TENANCY_CREDENTIALS: "[{ s3cret" })).not.toContain("s3cret");
  });
});
