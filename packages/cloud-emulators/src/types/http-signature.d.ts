/** The part of `http-signature` (Joyent) the OCI emulator uses to verify draft-cavage signatures. */
declare module "http-signature" {
  import type { IncomingHttpHeaders } from "node:http";

  export interface ParsedSignature {
    scheme: string;
    params: { keyId: string; algorithm: string; headers: string[]; signature: string; [name: string]: unknown };
    signingString: string;
    algorithm: string;
    keyId: string;
  }

  export interface ParseOptions {
    /** Seconds of allowed difference between the date header and now (default 300). */
    clockSkew?: number;
    /** Header names that must be signed. */
    headers?: string[];
    algorithms?: string[];
    strict?: boolean;
  }

  export function parseRequest(
    request: { method: string; url: string; headers: IncomingHttpHeaders; httpVersion?: string },
    options?: ParseOptions,
  ): ParsedSignature;
  export function verifySignature(parsed: ParsedSignature, publicKeyPem: string | Buffer): boolean;
}
