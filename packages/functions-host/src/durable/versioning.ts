// Orchestration versioning as the Durable extension applies it (host.json extensions.durableTask defaultVersion,
// versionMatchStrategy, versionFailureStrategy): new instances take the app's defaultVersion, and a worker only runs
// instances whose version its strategy accepts. Comparison rules: empty versions are equal and older than any other;
// two System.Version texts ("1.0", "2.1.3") compare component by component; anything else compares as text,
// ignoring case.
import { z } from "zod";

export const VersionMatchStrategy = z.enum(["None", "Strict", "CurrentOrOlder"]);
export const VersionFailureStrategy = z.enum(["Reject", "Fail"]);

export interface VersioningOptions {
  /** The version new instances (and sub-orchestrations started without one) get; "" when host.json sets none. */
  defaultVersion: string;
  matchStrategy: z.infer<typeof VersionMatchStrategy>;
  failureStrategy: z.infer<typeof VersionFailureStrategy>;
}

export const noVersioning: VersioningOptions = { defaultVersion: "", matchStrategy: "CurrentOrOlder", failureStrategy: "Reject" };

/** System.Version.TryParse: two to four dot-separated non-negative 32-bit integers. */
function systemVersion(text: string): number[] | undefined {
  const parts = text.trim().split(".");
  if (parts.length < 2 || parts.length > 4 || parts.some((part) => !/^\d+$/.test(part) || Number(part) > 2_147_483_647)) return undefined;
  return parts.map(Number);
}

/** Negative when `a` is older than `b`, zero when they are the same version, positive when `a` is newer. */
export function compareVersions(a: string | null | undefined, b: string | null | undefined): number {
  const left = a ?? "";
  const right = b ?? "";
  if (left === "" || right === "") return (left === "" ? 0 : 1) - (right === "" ? 0 : 1);
  const leftParts = systemVersion(left);
  const rightParts = systemVersion(right);
  if (leftParts && rightParts) {
    // System.Version treats a missing build or revision as -1: "1.0" is older than "1.0.0".
    for (let index = 0; index < 4; index++) {
      const difference = (leftParts[index] ?? -1) - (rightParts[index] ?? -1);
      if (difference !== 0) return Math.sign(difference);
    }
    return 0;
  }
  const upperLeft = left.toUpperCase();
  const upperRight = right.toUpperCase();
  return upperLeft < upperRight ? -1 : upperLeft > upperRight ? 1 : 0;
}

/** Why this worker must not run an instance of `instanceVersion`, or undefined when it may. */
export function versionRefusal(instanceVersion: string | null, options: VersioningOptions): string | undefined {
  const comparison = compareVersions(instanceVersion, options.defaultVersion);
  const shown = (version: string | null) => (version ? `'${version}'` : "(none)");
  if (options.matchStrategy === "Strict" && comparison !== 0) {
    return `The orchestration version ${shown(instanceVersion)} does not match this app's defaultVersion ${shown(options.defaultVersion)} (versionMatchStrategy Strict).`;
  }
  if (options.matchStrategy === "CurrentOrOlder" && comparison > 0) {
    return `The orchestration version ${shown(instanceVersion)} is newer than this app's defaultVersion ${shown(options.defaultVersion)} (versionMatchStrategy CurrentOrOlder).`;
  }
  return undefined;
}
