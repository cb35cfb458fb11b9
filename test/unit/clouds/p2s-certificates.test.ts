import { X509Certificate } from "node:crypto";
import { issueClientCertificate, newRootCertificate } from "../../../shared/clouds/p2s-certificates";

describe("point-to-site certificates", () => {
  it("issues a client certificate that chains to the root and not to another root", async () => {
    const root = await newRootCertificate("erp-p2s root", new Date("2026-01-01T00:00:00Z"));
    const other = await newRootCertificate("someone else", new Date("2026-01-01T00:00:00Z"));
    const client = await issueClientCertificate(root, "alice", new Date("2026-01-02T00:00:00Z"));

    const rootCert = new X509Certificate(root.certificatePem);
    const clientCert = new X509Certificate(client.certificatePem);
    expect(rootCert.ca).toBe(true);
    expect(rootCert.verify(rootCert.publicKey)).toBe(true);
    expect(clientCert.ca).toBe(false);
    expect(clientCert.checkIssued(rootCert)).toBe(true);
    expect(clientCert.verify(rootCert.publicKey)).toBe(true);
    expect(clientCert.verify(new X509Certificate(other.certificatePem).publicKey)).toBe(false);
    expect(clientCert.subject).toBe("CN=alice");
    expect(clientCert.keyUsage).toContain("1.3.6.1.5.5.7.3.2");
    expect(Buffer.from(root.publicCertData, "base64").equals(rootCert.raw)).toBe(true);
    expect(client.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(clientCert.checkPrivateKey(await import("node:crypto").then((crypto) => crypto.createPrivateKey(client.privateKeyPem)))).toBe(true);
  });
});
