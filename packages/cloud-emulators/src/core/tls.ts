import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { generate } from "selfsigned";
import { readTextIfExists, writeFileAtomic } from "./files";

export interface TlsMaterial {
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function stillValid(certPem: string): boolean {
  try {
    return new Date(new X509Certificate(certPem).validTo).getTime() - Date.now() > DAY_MS;
  } catch {
    return false;
  }
}

/**
 * A private CA and a server certificate for 127.0.0.1/localhost signed by it, generated on first
 * start and kept under `<stateDir>/tls/`. Clients trust `ca.pem` (SDK `tlsOptions.ca` or NODE_EXTRA_CA_CERTS).
 */
export async function ensureTlsMaterial(stateDir: string): Promise<TlsMaterial> {
  const dir = join(stateDir, "tls");
  const caFile = join(dir, "ca.pem");
  const caKeyFile = join(dir, "ca-key.pem");
  const certFile = join(dir, "server.pem");
  const keyFile = join(dir, "server-key.pem");

  let caPem = readTextIfExists(caFile);
  let caKey = readTextIfExists(caKeyFile);
  let caRenewed = false;
  if (!caPem || !caKey || !stillValid(caPem)) {
    const notAfterDate = new Date(Date.now() + 10 * 365 * DAY_MS);
    const ca = await generate([{ name: "commonName", value: "Interlink emulators local CA" }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    caPem = ca.cert;
    caKey = ca.private;
    writeFileAtomic(caKeyFile, caKey);
    writeFileAtomic(caFile, caPem, 0o644);
    caRenewed = true;
  }

  let certPem = readTextIfExists(certFile);
  let keyPem = readTextIfExists(keyFile);
  if (caRenewed || !certPem || !keyPem || !stillValid(certPem)) {
    const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: new Date(Date.now() + 2 * 365 * DAY_MS),
      ca: { key: caKey, cert: caPem },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
      ],
    });
    certPem = server.cert;
    keyPem = server.private;
    writeFileAtomic(keyFile, keyPem);
    writeFileAtomic(certFile, certPem, 0o644);
  }
  return { caFile, caPem, certPem, keyPem };
}
