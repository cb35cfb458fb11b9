// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import "reflect-metadata";
import { randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * Point-to-site certificates: a self-signed root whose public part the VPN gateway trusts, and client certificates it
 * signs. RSA 2048 with SHA-256, what Azure's point-to-site (IKEv2 and OpenVPN) documents for self-signed roots.
 * Private keys leave here as PKCS#8 PEM: the root's goes to the secret store, a client's straight to the caller.
 */

// Node's WebCrypto is the provider; the library types it as the DOM Crypto, which this Node-only build does not load.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const ROOT_YEARS = 10;
const CLIENT_YEARS = 2;
const CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

export interface RootCertificate {
  /** The public certificate (PEM). */
  certificatePem: string;
  /** Base64 DER of the certificate: the gateway's `publicCertData`. */
  publicCertData: string;
  /** A secret: PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface ClientCertificate {
  certificatePem: string;
  /** A secret: PKCS#8 PEM, handed to the caller once and never kept. */
  privateKeyPem: string;
  thumbprint: string;
  notAfter: string;
}

function serialNumber(): string {
  // Positive, 16 random bytes (RFC 5280 allows up to 20 octets).
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

function yearsFrom(now: Date, years: number): Date {
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

/** A new self-signed root CA for a gateway's point-to-site clients. */
export async function newRootCertificate(commonName: string, now: Date): Promise<RootCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [commonName] }],
    notBefore: now,
    notAfter: yearsFrom(now, ROOT_YEARS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificatePem: certificate.toString("pem"), publicCertData: certificate.toString("base64"), privateKeyPem: await privateKeyPem(keys.privateKey) };
}

/** A client certificate (client authentication) signed by the root. */
export async function issueClientCertificate(root: { certificatePem: string; privateKeyPem: string }, commonName: string, now: Date): Promise<ClientCertificate> {
  const issuer = new x509.X509Certificate(root.certificatePem);
  const issuerKey = await webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decodeFirst(root.privateKeyPem), ALGORITHM, false, ["sign"]);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const notAfter = yearsFrom(now, CLIENT_YEARS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: [{ CN: [commonName] }],
    issuer: issuer.subjectName,
    notBefore: now,
    notAfter: notAfter < issuer.notAfter ? notAfter : issuer.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuerKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([CLIENT_AUTH_EKU]),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificatePem: certificate.toString("pem"),
    privateKeyPem: await privateKeyPem(keys.privateKey),
    thumbprint: Buffer.from(await certificate.getThumbprint("SHA-1")).toString("hex").toUpperCase(),
    notAfter: certificate.notAfter.toISOString(),
  };
}
