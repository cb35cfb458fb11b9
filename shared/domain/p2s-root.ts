import { z } from "zod";

/** The secret store's name for a point-to-site link's root certificate and private key. */
export const p2sRootSecretName = (link: string) => `vpn-link-${link}-p2s-root`;
/** The root certificate's name on the gateway (vpnClientRootCertificates). */
export const p2sRootCertificateName = (link: string) => `${link}-root`;

/** What the secret store keeps for a link (a secret: the private key). */
export const StoredP2sRoot = z.object({ certificatePem: z.string(), privateKeyPem: z.string() });
export type StoredP2sRoot = z.infer<typeof StoredP2sRoot>;
