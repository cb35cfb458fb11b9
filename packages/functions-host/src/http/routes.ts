// ASP.NET Core route templates as Azure Functions uses them: literals (case-insensitive), {name}, {name?},
// {name=default}, {name:constraint(args)...}, {*catchAll} / {**catchAll}. A template segment may mix literals and
// parameters ("files/{name}.{ext}").
import { decodeLeniently } from "./decode";

type Constraint = (value: string) => boolean;

interface Parameter {
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue?: string;
  constraints: Constraint[];
}

type Part = { literal: string } | { parameter: Parameter };

export interface CompiledRoute {
  template: string;
  match(path: string): Record<string, string> | undefined;
  /** Lower sorts first: literal segments beat constrained parameters beat plain parameters beat catch-alls. */
  precedence: number[];
}

const guid = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$/i;

function numberArg(args: string[], index: number, kind: string): number {
  const value = Number(args[index]);
  if (!Number.isFinite(value)) throw new Error(`Route constraint ${kind} needs a number`);
  return value;
}

function constraint(text: string): Constraint {
  const match = /^([a-zA-Z]+)(?:\((.*)\))?$/s.exec(text);
  if (!match) throw new Error(`Unsupported route constraint "${text}"`);
  const kind = (match[1] as string).toLowerCase();
  const rawArgs = match[2];
  const args = rawArgs === undefined ? [] : kind === "regex" ? [rawArgs] : rawArgs.split(",").map((arg) => arg.trim());
  switch (kind) {
    case "int":
      return (value) => /^-?\d+$/.test(value) && Math.abs(Number(value)) <= 2147483648;
    case "long":
      return (value) => /^-?\d+$/.test(value);
    case "float":
    case "double":
    case "decimal":
      return (value) => /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value);
    case "bool":
      return (value) => /^(true|false)$/i.test(value);
    case "guid":
      return (value) => guid.test(value);
    case "datetime":
      return (value) => !Number.isNaN(Date.parse(value));
    case "alpha":
      return (value) => /^[a-z]+$/i.test(value);
    case "minlength":
      return (value) => value.length >= numberArg(args, 0, kind);
    case "maxlength":
      return (value) => value.length <= numberArg(args, 0, kind);
    case "length":
      return args.length === 1
        ? (value) => value.length === numberArg(args, 0, kind)
        : (value) => value.length >= numberArg(args, 0, kind) && value.length <= numberArg(args, 1, kind);
    case "min":
      return (value) => /^-?\d+$/.test(value) && Number(value) >= numberArg(args, 0, kind);
    case "max":
      return (value) => /^-?\d+$/.test(value) && Number(value) <= numberArg(args, 0, kind);
    case "range":
      return (value) => /^-?\d+$/.test(value) && Number(value) >= numberArg(args, 0, kind) && Number(value) <= numberArg(args, 1, kind);
    case "regex": {
      // Braces inside a template are escaped by doubling them.
      const expression = new RegExp((args[0] ?? "").replace(/\{\{/g, "{").replace(/\}\}/g, "}"), "i");
      return (value) => expression.test(value);
    }
    case "required":
      return (value) => value.length > 0;
    default:
      throw new Error(`Unsupported route constraint "${text}"`);
  }
}

function parseParameter(body: string): Parameter {
  let text = body;
  let catchAll = false;
  if (text.startsWith("**")) [text, catchAll] = [text.slice(2), true];
  else if (text.startsWith("*")) [text, catchAll] = [text.slice(1), true];
  const [nameAndFlags, ...constraintTexts] = splitConstraints(text);
  let name = nameAndFlags ?? "";
  let optional = false;
  let defaultValue: string | undefined;
  const equals = name.indexOf("=");
  if (equals >= 0) [name, defaultValue] = [name.slice(0, equals), name.slice(equals + 1)];
  if (name.endsWith("?")) [name, optional] = [name.slice(0, -1), true];
  // Constraints may carry the "?" or "=default" at their end: {id:int?}
  const last = constraintTexts.length - 1;
  if (last >= 0) {
    let lastText = constraintTexts[last] as string;
    const eq = lastText.lastIndexOf("=");
    if (eq >= 0 && !lastText.slice(eq).includes(")")) [lastText, defaultValue] = [lastText.slice(0, eq), lastText.slice(eq + 1)];
    if (lastText.endsWith("?")) [lastText, optional] = [lastText.slice(0, -1), true];
    constraintTexts[last] = lastText;
  }
  if (!/^[A-Za-z_][\w]*$/.test(name)) throw new Error(`Invalid route parameter name "${name}"`);
  return { name, optional: optional || defaultValue !== undefined || catchAll, catchAll, defaultValue, constraints: constraintTexts.map(constraint) };
}

/** Splits "name:c1(a,b):c2" at colons outside parentheses. */
function splitConstraints(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === ":" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parseSegment(segment: string): Part[] {
  const parts: Part[] = [];
  let index = 0;
  while (index < segment.length) {
    const open = segment.indexOf("{", index);
    if (open < 0) {
      parts.push({ literal: segment.slice(index) });
      break;
    }
    if (open > index) parts.push({ literal: segment.slice(index, open) });
    let depth = 0;
    let close = open;
    for (; close < segment.length; close++) {
      if (segment[close] === "{") depth++;
      if (segment[close] === "}" && --depth === 0) break;
    }
    if (close >= segment.length) throw new Error(`Unbalanced braces in route segment "${segment}"`);
    parts.push({ parameter: parseParameter(segment.slice(open + 1, close)) });
    index = close + 1;
  }
  return parts;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileRoute(template: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, "");
  const segments = trimmed === "" ? [] : trimmed.split("/").map(parseSegment);
  const parameters: Parameter[] = [];
  let source = "^";
  const precedence: number[] = [];
  segments.forEach((parts) => {
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only && "parameter" in only) {
      const parameter = only.parameter;
      parameters.push(parameter);
      const group = parameter.catchAll ? "(.*)" : "([^/]+)";
      source += parameter.optional ? `(?:/${group})?` : `/${group}`;
      precedence.push(parameter.catchAll ? 4 : parameter.constraints.length > 0 ? 2 : 3);
      return;
    }
    source += "/";
    let segmentRank = 1;
    for (const part of parts) {
      if ("literal" in part) source += escape(part.literal);
      else {
        parameters.push(part.parameter);
        source += part.parameter.optional ? "([^/]*?)" : "([^/]+?)";
        segmentRank = 2;
      }
    }
    precedence.push(segmentRank === 1 ? 0 : 1);
  });
  source += "/?$";
  const expression = new RegExp(source, "i");
  return {
    template: trimmed,
    precedence,
    match(path: string) {
      const normalized = "/" + path.replace(/^\/+/, "");
      const found = expression.exec(normalized === "/" ? "" : normalized) ?? expression.exec(normalized);
      if (!found) return undefined;
      const values: Record<string, string> = {};
      for (const [index, parameter] of parameters.entries()) {
        const raw = found[index + 1];
        const value = raw === undefined || raw === "" ? parameter.defaultValue : decodeLeniently(raw);
        if (value === undefined) {
          if (!parameter.optional) return undefined;
          continue;
        }
        if (!parameter.constraints.every((check) => check(value))) return undefined;
        values[parameter.name] = value;
      }
      return values;
    },
  };
}

/** Orders routes the way ASP.NET routing prefers them: more specific first. */
export function compareRoutes(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.precedence.length, b.precedence.length);
  for (let index = 0; index < length; index++) {
    const left = a.precedence[index] ?? -1;
    const right = b.precedence[index] ?? -1;
    if (left !== right) return left - right;
  }
  return 0;
}
