import { z } from "zod";

export type Cloud = "azure" | "oci";

/** Outcome of the authentication check: ARM bearer presence, OCI HTTP signature verification. */
export type AuthVerdict = "bearer" | "missing" | "valid" | "invalid-key" | "bad-signature" | "body-mismatch" | "stale" | "malformed" | "region-not-subscribed" | "not-checked";

export interface JournalEntry {
  seq: number;
  /** Wall-clock time the request arrived (ISO). */
  at: string;
  cloud: Cloud;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** SDK operation name, e.g. `expressRouteCircuits.createOrUpdate` or `createVirtualCircuit`. */
  op: string | null;
  auth: AuthVerdict;
  /** Why authentication failed, when it did. */
  authDetail?: string;
  /** Ids of the fault rules that fired on this request. */
  faults: string[];
  /** Code of the error returned, when the status is >= 400. */
  errorCode?: string;
  /** OCI: the user OCID that signed the request. */
  principal?: string;
  /** OCI: the region the request was sent to. */
  region?: string;
  /** Why the emulator refused it, e.g. the permission the caller lacks (never sent to the client). */
  note?: string;
  requestId: string;
}

export const JournalFilter = z.object({
  cloud: z.enum(["azure", "oci"]).optional(),
  method: z.string().optional(),
  op: z.string().optional(),
  status: z.coerce.number().int().optional(),
  /** Regular expression tested against the path. */
  path: z.string().optional(),
  auth: z.string().optional(),
  principal: z.string().optional(),
  region: z.string().optional(),
  /** Only entries with `seq` greater than this. */
  since: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().positive().optional(),
});
export type JournalFilter = z.infer<typeof JournalFilter>;

/** Bounded in-memory record of every request both emulators served. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 5000) {}

  record(entry: Omit<JournalEntry, "seq">): JournalEntry {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const pathPattern = filter.path ? new RegExp(filter.path, "i") : undefined;
    const selected = this.entries.filter(
      (entry) =>
        (filter.cloud === undefined || entry.cloud === filter.cloud) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.op === undefined || entry.op?.toLowerCase() === filter.op.toLowerCase()) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (filter.auth === undefined || entry.auth === filter.auth) &&
        (filter.principal === undefined || entry.principal === filter.principal) &&
        (filter.region === undefined || entry.region === filter.region) &&
        (filter.since === undefined || entry.seq > filter.since) &&
        (pathPattern === undefined || pathPattern.test(entry.path)),
    );
    return filter.limit === undefined ? selected : selected.slice(-filter.limit);
  }

  clear(): void {
    this.entries = [];
  }
}
