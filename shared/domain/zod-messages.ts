import { z } from "zod";

/**
 * Plain-language messages for zod's built-in issues, so every refused field names the rule it breaks.
 * Installed once, globally, because every boundary schema shares them.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        if (issue.input === undefined) return "is required";
        return `must be ${article(issue.expected)} ${issue.expected}, not ${describe(issue.input)}`;
      case "unrecognized_keys":
        return `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `'${key}'`).join(", ")}; remove ${issue.keys.length > 1 ? "them" : "it"}`;
      case "invalid_value":
        return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      case "invalid_union":
        return "does not match any of the accepted shapes";
      case "too_small":
        if (issue.origin === "array") return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}`;
        if (issue.origin === "string") return `must be at least ${issue.minimum} character${Number(issue.minimum) === 1 ? "" : "s"}`;
        return `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
      case "too_big":
        if (issue.origin === "array") return `must have at most ${issue.maximum} items`;
        if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
        return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
      default:
        return undefined;
    }
  },
});

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
