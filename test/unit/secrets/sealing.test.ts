import { randomBytes } from "node:crypto";
import { SecretSealer } from "../../../shared/secrets/sealing";

describe("SecretSealer", () => {
  const key = randomBytes(32).toString("base64");
  const secret = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

  it("round-trips a value and never stores it in the clear", () => {
    const sealer = new SecretSealer(key);
    const sealed = sealer.seal("p2s/staff/root-key", secret);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64").slice(0, 16));
    expect(sealer.seal("p2s/staff/root-key", secret)).not.toBe(sealed);
    expect(sealer.open("p2s/staff/root-key", sealed)).toBe(secret);
  });

  it("refuses a value moved to another name, tampered with, or sealed with another key", () => {
    const sealed = new SecretSealer(key).seal("p2s/a/root-key", secret);
    expect(() => new SecretSealer(key).open("p2s/b/root-key", sealed)).toThrow();
    const [version, nonce, body, tag] = sealed.split(".");
    const flipped = Buffer.from(body ?? "", "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => new SecretSealer(key).open("p2s/a/root-key", [version, nonce, flipped.toString("base64"), tag].join("."))).toThrow();
    expect(() => new SecretSealer(randomBytes(32).toString("base64")).open("p2s/a/root-key", sealed)).toThrow();
  });

  it("takes only a 32-byte key", () => {
    expect(() => new SecretSealer(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
