import { z } from "zod";

/** The secret store's name for a point-to-site link's root certificate and private key. */
export const p2sRootSecretName = (link: string) => `vpn-link-${link}-p2s-root`;
/** The root certificate's name on the gateway (vpnClientRootCertificates). */
export const p2sRootCertificateName = (link: string) => `${link}-root`;

/** What the secret store keeps for a link (a secret: the private key). */
export const StoredP2sRoot = z.object({ certificatePem: z.string(), privateKeyPem: z.string() });
export type StoredP2sRoot = z.infer<typeof StoredP2sRoot>;

/** `POST /api/vpn-links/{name}/client-certificates`: who the certificate is for. */
export const ClientCertificateRequest = z
  .object({
    commonName: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(64, "must be at most 64 characters (X.509 CN upper bound)")
      .regex(/^[\p{L}\p{N} ._@'()+,:=?/-]+$/u, "must be letters, digits, spaces and . _ @ ' ( ) + , : = ? / - only")
      .meta({ description: "The client certificate's subject common name: a user or device.", examples: ["alice@example.com"] }),
  })
  .strict()
  .describe("A client certificate for a point-to-site link, signed by the link's root.");

/** The answer to a client certificate request: the only time the private key is ever shown. */
export const ClientCertificateIssued = z
  .object({
    link: z.string(),
    commonName: z.string(),
    certificatePem: z.string().describe("The client certificate (PEM), signed by the link's root."),
    privateKeyPem: z.string().describe("Its private key (PKCS#8 PEM). Returned once: Interlink does not keep it."),
    thumbprint: z.string().describe("SHA-1 thumbprint, as Windows and Azure show certificates."),
    notAfter: z.string(),
    rootCertificateThumbprint: z.string().nullable().describe("The root the gateway trusts (SHA-1)."),
    note: z.string(),
  })
  .describe("A client certificate and its private key, for one VPN client.");
export type ClientCertificateIssued = z.infer<typeof ClientCertificateIssued>;
