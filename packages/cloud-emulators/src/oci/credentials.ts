import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { join } from "node:path";
import { readTextIfExists, writeFileAtomic } from "../core/files";

export interface OciApiKey {
  tenancy: string;
  user: string;
  fingerprint: string;
  privateKeyPem: string;
  publicKeyPem: string;
  region: string;
  configFile: string;
  keyFile: string;
  profile: string;
}

/** OCI fingerprint: MD5 of the DER public key, lower-case hex pairs joined by colons. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return (createHash("md5").update(der).digest("hex").match(/../g) ?? []).join(":");
}

export function keyIdOf(key: { tenancy: string; user: string; fingerprint: string }): string {
  return `${key.tenancy}/${key.user}/${key.fingerprint}`;
}

function tenancyLevelOcid(type: string): string {
  return `ocid1.${type}.oc1..aaaaaaaa${randomBytes(26).toString("hex").slice(0, 52)}`;
}

function readProfile(text: string, profile: string): Record<string, string> {
  const values: Record<string, string> = {};
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const section = /^\[(.+)]$/.exec(line);
    if (section) {
      current = section[1] ?? "";
      continue;
    }
    const eq = line.indexOf("=");
    if (current === profile && eq > 0) values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return values;
}

/**
 * The API key the OCI emulator trusts, plus an OCI SDK config file pointing at it
 * (`<stateDir>/oci/config` + `<stateDir>/oci/key.pem`). Generated once, reused afterwards.
 */
export function ensureOciApiKey(stateDir: string, region: string): OciApiKey {
  const dir = join(stateDir, "oci");
  const configFile = join(dir, "config");
  const keyFile = join(dir, "key.pem");
  const profile = "DEFAULT";
  const existingKey = readTextIfExists(keyFile);
  const existingConfig = readTextIfExists(configFile);
  if (existingKey && existingConfig) {
    const values = readProfile(existingConfig, profile);
    const publicKeyPem = createPublicKey(existingKey).export({ type: "spki", format: "pem" }).toString();
    const fingerprint = fingerprintOf(publicKeyPem);
    if (values.tenancy && values.user && values.fingerprint === fingerprint && values.region === region) {
      return { tenancy: values.tenancy, user: values.user, fingerprint, privateKeyPem: existingKey, publicKeyPem, region, configFile, keyFile, profile };
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const key = { tenancy: tenancyLevelOcid("tenancy"), user: tenancyLevelOcid("user"), fingerprint: fingerprintOf(publicKeyPem) };
  writeFileAtomic(keyFile, privateKeyPem);
  writeFileAtomic(
    configFile,
    [`[${profile}]`, `user=${key.user}`, `fingerprint=${key.fingerprint}`, `tenancy=${key.tenancy}`, `region=${region}`, `key_file=${keyFile}`, ""].join("\n"),
  );
  return { ...key, privateKeyPem, publicKeyPem, region, configFile, keyFile, profile };
}
