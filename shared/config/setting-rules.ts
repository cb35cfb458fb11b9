import { type z } from "zod";

/** A bad or inconsistent setting, as the one line start-up prints before it stops. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}

/** `NAME=value` as typed (quoted when it has spaces), or just the name for a secret. */
function shown(label: string, value: string | undefined, secret: boolean): string {
  if (value === undefined) return label;
  if (secret) return `${label} (value hidden)`;
  return `${label}=${/\s|^$/.test(value) ? JSON.stringify(value) : value}`;
}

/**
 * One line for every refused setting: the first names its value and the rule; the others are listed by name
 * so that fixing one does not just reveal the next.
 */
export function settingsError(
  issues: readonly z.core.$ZodIssue[],
  values: Record<string, string | undefined>,
  secrets: readonly string[],
  /** What the user typed to give it, when that is not the setting's name (a command-line flag). */
  label?: (name: string) => string,
): SettingsError {
  const [first, ...rest] = issues;
  const name = String(first?.path[0] ?? "?");
  const others = [...new Set(rest.map((issue) => String(issue.path[0] ?? "?")).filter((other) => other !== name))];
  const also = others.length > 0 ? ` (also invalid: ${others.map((other) => label?.(other) ?? other).join(", ")})` : "";
  return new SettingsError(`invalid ${shown(label?.(name) ?? `setting ${name}`, values[name], secrets.includes(name))}: ${first?.message ?? "is invalid"}${also}`);
}
