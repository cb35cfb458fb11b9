import { canonicalJson } from "../fingerprint";
import { type AzureSecurityRule, type OciSecurityRule } from "./types";

export interface RuleDrift<R> {
  missing: R[];
  changed: Array<{ expected: R; actual: R; fields: string[] }>;
  unexpected: R[];
}

function compare<R extends object>(expected: R, actual: R, fields: Array<keyof R>): string[] {
  return fields.filter((field) => canonicalJson(normalise(expected[field])) !== canonicalJson(normalise(actual[field]))).map(String);
}

/** Address lists are sets; compare them sorted. */
function normalise(value: unknown): unknown {
  return Array.isArray(value) ? [...value].sort() : value;
}

function diff<R extends object>(expected: R[], actual: R[], keyOf: (rule: R) => string, owned: (rule: R) => boolean, fields: Array<keyof R>): RuleDrift<R> {
  const actualByKey = new Map(actual.filter(owned).map((rule) => [keyOf(rule), rule]));
  const drift: RuleDrift<R> = { missing: [], changed: [], unexpected: [] };
  for (const rule of expected) {
    const found = actualByKey.get(keyOf(rule));
    if (!found) drift.missing.push(rule);
    else {
      const fieldsChanged = compare(rule, found, fields);
      if (fieldsChanged.length > 0) drift.changed.push({ expected: rule, actual: found, fields: fieldsChanged });
      actualByKey.delete(keyOf(rule));
    }
  }
  drift.unexpected = [...actualByKey.values()];
  return drift;
}

/** Interlink's Azure rules (by name prefix) against the plan: missing, changed out of band, or extra. */
export function diffAzureRules(expected: AzureSecurityRule[], actual: AzureSecurityRule[], rulePrefix: string): RuleDrift<AzureSecurityRule> {
  return diff(expected, actual, (rule) => rule.name, (rule) => rule.name.startsWith(rulePrefix), [
    "priority",
    "direction",
    "access",
    "protocol",
    "sourceAddressPrefixes",
    "destinationAddressPrefixes",
    "sourcePortRange",
    "destinationPortRange",
  ]);
}

/** Interlink's OCI rules (by their marked, per-rule description) against the plan. */
export function diffOciRules(expected: OciSecurityRule[], actual: OciSecurityRule[], ownerMarker: string): RuleDrift<OciSecurityRule> {
  return diff(expected, actual, (rule) => rule.description ?? "", (rule) => (rule.description ?? "").startsWith(ownerMarker), [
    "direction",
    "protocol",
    "source",
    "destination",
    "isStateless",
    "tcpOptions",
    "udpOptions",
    "icmpOptions",
  ]);
}

export function hasDrift<R>(drift: RuleDrift<R>): boolean {
  return drift.missing.length + drift.changed.length + drift.unexpected.length > 0;
}
