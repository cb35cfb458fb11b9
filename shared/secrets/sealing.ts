import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256-GCM with a fresh 96-bit nonce per value; the name is bound as associated data, so rows cannot be swapped. */
const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "v1";

export class SecretSealer {
  private readonly key: Buffer;

  /** `keyBase64`: 32 random bytes, base64 (a setting; never the same value as any secret it protects). */
  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, "base64");
    if (key.length !== 32) throw new Error("the secret store key must be 32 bytes, base64-encoded");
    this.key = key;
  }

  seal(name: string, value: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(name, "utf8"));
    const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return [VERSION, nonce.toString("base64"), body.toString("base64"), cipher.getAuthTag().toString("base64")].join(".");
  }

  /** Throws when the value was not sealed under this name with this key (tampered, moved, or another key). */
  open(name: string, sealed: string): string {
    const [version, nonce, body, tag] = sealed.split(".");
    if (version !== VERSION || nonce === undefined || body === undefined || tag === undefined) throw new Error(`the stored secret ${name} is not in a format this version reads`);
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(nonce, "base64"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  }
}
