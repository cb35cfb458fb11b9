/**
 * Per-kind indexes over the worlds' `resources` objects (id -> record), so "every record of kind K" does not
 * scan every resource: with thousands of interconnects that scan made the emulators, not Interlink, the
 * bottleneck. Built on first use for a resources object (a reset or a reload brings a new one) and kept
 * current by the store functions, which are the only places that add or remove records.
 */
type Indexed = { kind: string };

const indexes = new WeakMap<object, Map<string, Map<string, Indexed>>>();

function indexOf(resources: Record<string, Indexed>): Map<string, Map<string, Indexed>> {
  let index = indexes.get(resources);
  if (!index) {
    index = new Map();
    for (const [key, record] of Object.entries(resources)) bucket(index, record.kind).set(key, record);
    indexes.set(resources, index);
  }
  return index;
}

function bucket(index: Map<string, Map<string, Indexed>>, kind: string): Map<string, Indexed> {
  let byKey = index.get(kind);
  if (!byKey) {
    byKey = new Map();
    index.set(kind, byKey);
  }
  return byKey;
}

export function recordsOfKind<R extends Indexed>(resources: Record<string, R>, kind: string): R[] {
  return [...(indexOf(resources).get(kind)?.values() ?? [])] as R[];
}

export function putRecord<R extends Indexed>(resources: Record<string, R>, key: string, record: R): void {
  const index = indexOf(resources);
  const previous = resources[key];
  if (previous && previous.kind !== record.kind) index.get(previous.kind)?.delete(key);
  resources[key] = record;
  bucket(index, record.kind).set(key, record);
}

export function deleteRecord<R extends Indexed>(resources: Record<string, R>, key: string): void {
  const previous = resources[key];
  if (previous) indexOf(resources).get(previous.kind)?.delete(key);
  delete resources[key];
}
