import { createHash, randomBytes, randomUUID } from "node:crypto";

export function guid(): string {
  return randomUUID();
}

/** ARM etags are weak GUID etags: `W/"<guid>"`. */
export function armEtag(): string {
  return `W/"${randomUUID()}"`;
}

/** OCI etags are opaque hex strings. */
export function ociEtag(): string {
  return randomBytes(16).toString("hex");
}

const OCID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function base32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += OCID_ALPHABET[byte % 32];
  return out;
}

const presetOcids = new Map<string, string[]>();

/** `ocid1.<type>.oc1.<region key>.<unique>`; tenancy-level types have an empty region. */
export function ocid(type: string, regionKey: string): string {
  const preset = presetOcids.get(type)?.shift();
  if (preset) return preset;
  return `ocid1.${type}.oc1.${regionKey}.amaaaaaa${base32(52)}`;
}

/**
 * Makes the next resource of `type` get a chosen OCID, so a seeded demo world can match documents that
 * name fixed OCIDs (DESIGN.md's example). Only the seeding code uses it, before serving requests.
 */
export async function withPresetOcid<T>(type: string, id: string, create: () => Promise<T>): Promise<T> {
  presetOcids.set(type, [...(presetOcids.get(type) ?? []), id]);
  try {
    return await create();
  } finally {
    presetOcids.set(type, (presetOcids.get(type) ?? []).filter((candidate) => candidate !== id));
  }
}

/** Short server-assigned ids such as NSG rule ids (`04ABEC`). */
export function shortId(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}

export function requestId(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

/** Stable hash of a JSON value with sorted keys (retry-token body comparison). */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
