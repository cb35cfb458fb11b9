import { type FieldError } from "./problem";

/**
 * Requests nest a few levels (a setup request about six). Anything far deeper is not a request, and walking it
 * recursively (JSON.stringify, schema parsing, logging) could overflow the stack, so it is refused first.
 */
export const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests, counted without recursion; stops counting once past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop() as { value: unknown; depth: number };
    if (next.value === null || typeof next.value !== "object") continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return deepest;
}

/** How deep JSON text nests, scanned character by character before anything parses it; stops once past `limit`. */
export function jsonTextDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      depth++;
      deepest = Math.max(deepest, depth);
      if (deepest > limit) return deepest;
    } else if (char === "]" || char === "}") depth--;
  }
  return deepest;
}

/** The field error for a value (or JSON text) nested deeper than the limit, or null. */
export function depthError(value: unknown, limit = MAX_JSON_DEPTH): FieldError | null {
  const depth = typeof value === "string" ? jsonTextDepth(value, limit) : jsonDepth(value, limit);
  return depth > limit ? { path: "", message: `is nested more than ${limit} levels deep; a request nests only a few` } : null;
}

/** A copy of `value` cut at `limit` levels (deeper parts become "…"), safe to serialise for a poison queue or a log. */
export function clipDepth(value: unknown, limit = MAX_JSON_DEPTH): unknown {
  if (value === null || typeof value !== "object") return value;
  if (limit <= 0) return "…";
  if (Array.isArray(value)) return value.map((item: unknown) => clipDepth(item, limit - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clipDepth(item, limit - 1)]));
}
