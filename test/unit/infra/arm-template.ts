import { createHash } from "node:crypto";

/**
 * Just enough of ARM's template language to read infra/main.json the way a deployment would: parameters,
 * variables (with copy), conditions, copy loops, nested deployments with their own scope, and the template
 * functions the file uses. Values only a real deployment knows (reference(), listKeys()) stay symbolic.
 */

/** A value ARM knows only while deploying, named by where it comes from. */
export class DeployTimeValue {
  constructor(readonly origin: string) {}
  toString(): string {
    return `⟨${this.origin}⟩`;
  }
}

export type ArmValue = string | number | boolean | null | DeployTimeValue | ArmValue[] | { [key: string]: ArmValue };
type ArmObject = { [key: string]: ArmValue };

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const TENANT_ID = "11111111-1111-1111-1111-111111111111";
const SUBSCRIPTION = `/subscriptions/${SUBSCRIPTION_ID}`;

type Node =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "property"; target: Node; name: string }
  | { kind: "index"; target: Node; index: Node };

/** Parses the text between an expression's outer brackets. */
export function parseExpression(text: string): Node {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`bad ARM expression (${why} at ${at}): ${text}`);
  };
  const skip = () => {
    while (text[at] === " ") at++;
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) fail(`expected '${char}'`);
    at++;
  };
  const primary = (): Node => {
    skip();
    const char = text[at];
    if (char === "'") {
      let value = "";
      at++;
      for (;;) {
        if (at >= text.length) fail("unterminated string");
        if (text[at] === "'" && text[at + 1] === "'") {
          value += "'";
          at += 2;
        } else if (text[at] === "'") {
          at++;
          return { kind: "string", value };
        } else value += text[at++];
      }
    }
    const number = /^-?\d+/.exec(text.slice(at));
    if (number) {
      at += number[0].length;
      return { kind: "number", value: Number(number[0]) };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (!name) return fail("expected a value");
    at += name[0].length;
    expect("(");
    const args: Node[] = [];
    skip();
    if (text[at] === ")") at++;
    else
      for (;;) {
        args.push(expression());
        skip();
        if (text[at] === ",") at++;
        else if (text[at] === ")") {
          at++;
          break;
        } else fail("expected ',' or ')'");
      }
    return { kind: "call", name: name[0], args };
  };
  const expression = (): Node => {
    let node = primary();
    for (;;) {
      skip();
      if (text[at] === ".") {
        at++;
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
        if (!name) fail("expected a property name");
        at += name?.[0].length ?? 0;
        node = { kind: "property", target: node, name: name?.[0] ?? "" };
      } else if (text[at] === "[") {
        at++;
        const index = expression();
        expect("]");
        node = { kind: "index", target: node, index };
      } else return node;
    }
  };
  const node = expression();
  skip();
  if (at !== text.length) fail("unexpected text");
  return node;
}

const isExpression = (value: string) => value.startsWith("[") && value.endsWith("]") && !value.startsWith("[[");
const isObject = (value: unknown): value is ArmObject => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof DeployTimeValue);

export function text(value: ArmValue): string {
  if (value instanceof DeployTimeValue) return value.toString();
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

function hash(parts: ArmValue[]): Buffer {
  return createHash("sha256").update(parts.map(text).join("\u0000")).digest();
}

/** `type` Microsoft.X/a/b with names [n1, n2] becomes providers/Microsoft.X/a/n1/b/n2. */
function providerPath(type: string, names: string[]): string {
  const [namespace, ...types] = type.split("/");
  if (types.length !== names.length) throw new Error(`resource type ${type} needs ${types.length} name segments, got ${names.length}`);
  return `providers/${namespace}/${types.map((segment, i) => `${segment}/${names[i]}`).join("/")}`;
}

export const resourceGroupId = (name: string) => `${SUBSCRIPTION}/resourceGroups/${name}`;
const armResourceId = (resourceGroup: string, type: string, names: string[]) => `${resourceGroupId(resourceGroup)}/${providerPath(type, names)}`;

export interface Template {
  parameters?: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables?: Record<string, unknown>;
  resources: RawResource[];
  outputs?: Record<string, { type: string; value: unknown }>;
}

export interface RawResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: unknown;
  copy?: { name: string; count: unknown };
  scope?: string;
  resourceGroup?: string;
  properties?: unknown;
  [key: string]: unknown;
}

/** Evaluation context of one template (or nested template with inner scope). */
export class Scope {
  private readonly variableCache = new Map<string, ArmValue>();
  private readonly copyIndexes = new Map<string, number>();

  constructor(
    private readonly template: Template,
    private readonly parameterValues: Record<string, ArmValue>,
    readonly resourceGroup: string,
  ) {}

  withCopyIndex(loop: string, index: number): Scope {
    const scope = new Scope(this.template, this.parameterValues, this.resourceGroup);
    this.copyIndexes.forEach((value, key) => scope.copyIndexes.set(key, value));
    scope.copyIndexes.set(loop, index);
    scope.copyIndexes.set("", index);
    return scope;
  }

  resourceId(type: string, names: string[]): string {
    return armResourceId(this.resourceGroup, type, names);
  }

  /** Evaluates a template value: expressions in strings (and object keys), recursively. */
  resolve(value: unknown): ArmValue {
    if (typeof value === "string") return isExpression(value) ? this.evaluate(parseExpression(value.slice(1, -1))) : value.startsWith("[[") ? value.slice(1) : value;
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(this.resolve(key)), this.resolve(item)]));
    if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
    throw new Error(`not a template value: ${String(value)}`);
  }

  private parameter(name: string): ArmValue {
    if (!(name in this.parameterValues)) throw new Error(`parameters('${name}') is not declared or has no value`);
    return this.parameterValues[name] ?? null;
  }

  private variable(name: string): ArmValue {
    const cached = this.variableCache.get(name);
    if (cached !== undefined) return cached;
    const variables = this.template.variables ?? {};
    const loops = (variables.copy ?? []) as Array<{ name: string; count: unknown; input: unknown }>;
    const loop = loops.find((candidate) => candidate.name === name);
    let value: ArmValue;
    if (loop) {
      const count = Number(this.resolve(loop.count));
      value = Array.from({ length: count }, (_, index) => this.withCopyIndex(name, index).resolve(loop.input));
    } else if (name in variables && name !== "copy") value = this.resolve(variables[name]);
    else throw new Error(`variables('${name}') is not declared`);
    this.variableCache.set(name, value);
    return value;
  }

  evaluate(node: Node): ArmValue {
    switch (node.kind) {
      case "string":
      case "number":
        return node.value;
      case "property": {
        const target = this.evaluate(node.target);
        if (target instanceof DeployTimeValue) return new DeployTimeValue(`${target.origin}.${node.name}`);
        if (!isObject(target) || !(node.name in target)) throw new Error(`no property '${node.name}' on ${text(target)}`);
        return target[node.name] ?? null;
      }
      case "index": {
        const target = this.evaluate(node.target);
        const index = this.evaluate(node.index);
        if (target instanceof DeployTimeValue) return new DeployTimeValue(`${target.origin}[${text(index)}]`);
        if (Array.isArray(target) && typeof index === "number") {
          if (index >= target.length) throw new Error(`index ${index} is past the end of ${text(target)}`);
          return target[index] ?? null;
        }
        if (isObject(target) && typeof index === "string") return target[index] ?? null;
        throw new Error(`cannot index ${text(target)} with ${text(index)}`);
      }
      case "call":
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, argNodes: Node[]): ArmValue {
    // if() evaluates only the branch it takes, as ARM does.
    if (name === "if") {
      if (argNodes.length !== 3) throw new Error(`if() takes 3 arguments, got ${argNodes.length}`);
      const [condition, whenTrue, whenFalse] = argNodes as [Node, Node, Node];
      return this.evaluate(condition) === true ? this.evaluate(whenTrue) : this.evaluate(whenFalse);
    }
    const args = argNodes.map((arg) => this.evaluate(arg));
    const str = (i: number) => {
      const value = args[i];
      if (typeof value !== "string") throw new Error(`${name}() argument ${i + 1} must be a string, got ${text(value ?? null)}`);
      return value;
    };
    switch (name) {
      case "parameters":
        return this.parameter(str(0));
      case "variables":
        return this.variable(str(0));
      case "copyIndex": {
        const loop = typeof args[0] === "string" ? args[0] : "";
        const offset = typeof args[0] === "number" ? args[0] : typeof args[1] === "number" ? args[1] : 0;
        const index = this.copyIndexes.get(loop);
        if (index === undefined) throw new Error(`copyIndex(${loop}) outside its loop`);
        return index + offset;
      }
      case "format":
        return str(0).replace(/\{(\d+)\}/g, (_, i: string) => text(args[Number(i) + 1] ?? null));
      case "concat":
        return args.every(Array.isArray) ? args.flat() : args.map(text).join("");
      case "toLower":
        return str(0).toLowerCase();
      case "take": {
        const source = args[0];
        const count = Number(args[1]);
        if (typeof source === "string") return source.slice(0, count);
        if (Array.isArray(source)) return source.slice(0, count);
        throw new Error("take() needs a string or an array");
      }
      case "length": {
        const source = args[0];
        if (typeof source === "string" || Array.isArray(source)) return source.length;
        if (isObject(source)) return Object.keys(source).length;
        throw new Error("length() needs a string, array or object");
      }
      case "empty": {
        const source = args[0] ?? null;
        return source === null || source === "" || (Array.isArray(source) && source.length === 0) || (isObject(source) && Object.keys(source).length === 0);
      }
      case "equals":
        return JSON.stringify(args[0]) === JSON.stringify(args[1]);
      case "not":
        return args[0] !== true;
      case "and":
        return args.every((arg) => arg === true);
      case "or":
        return args.some((arg) => arg === true);
      case "true":
        return true;
      case "false":
        return false;
      case "null":
        return null;
      case "string":
        return text(args[0] ?? null);
      case "createArray":
        return args;
      case "createObject": {
        if (args.length % 2 !== 0) throw new Error("createObject() needs key/value pairs");
        const object: ArmObject = {};
        for (let i = 0; i < args.length; i += 2) object[str(i)] = args[i + 1] ?? null;
        return object;
      }
      case "union":
        if (args.every(isObject)) return Object.assign({}, ...args);
        if (args.every(Array.isArray)) return [...new Set(args.flat().map((item) => JSON.stringify(item)))].map((item) => JSON.parse(item) as ArmValue);
        throw new Error("union() needs all objects or all arrays");
      case "guid": {
        const hex = hash(args).toString("hex");
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      }
      case "uniqueString":
        return [...hash(args).subarray(0, 13)].map((byte) => "abcdefghijklmnopqrstuvwxyz234567"[byte % 32]).join("");
      case "subscription":
        return { id: SUBSCRIPTION, subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };
      case "resourceGroup":
        return { id: resourceGroupId(this.resourceGroup), name: this.resourceGroup, location: "westeurope" };
      case "environment":
        return { name: "AzureCloud", suffixes: { storage: "core.windows.net" }, resourceManager: "https://management.azure.com/" };
      case "resourceId":
        return this.resourceId(str(0), args.slice(1).map(text));
      case "subscriptionResourceId":
        return `${SUBSCRIPTION}/${providerPath(str(0), args.slice(1).map(text))}`;
      case "extensionResourceId":
        return `${str(0)}/${providerPath(str(1), args.slice(2).map(text))}`;
      case "reference":
        return new DeployTimeValue(`reference(${text(args[0] ?? null)})`);
      case "listKeys":
        return new DeployTimeValue(`listKeys(${text(args[0] ?? null)})`);
      default:
        throw new Error(`template function ${name}() is not known to this reader; teach it in test/unit/infra/arm-template.ts`);
    }
  }
}

/** One resource as a deployment with these parameter values would create it. */
export interface DeployedResource {
  type: string;
  apiVersion: string;
  name: string;
  /** Absolute resource id. */
  id: string;
  resourceGroup: string;
  /** Absolute id of the resource an extension resource (a role assignment) applies to. */
  scope: string | null;
  properties: ArmValue;
  /** The scope the resource was evaluated in (parameters of its own template). */
  evaluatedIn: Scope;
}

/** Parameter values a deployment would use: supplied values, then defaults; refuses missing or disallowed ones. */
export function bindParameters(template: Template, supplied: Record<string, ArmValue>, resourceGroup: string): Record<string, ArmValue> {
  const declared = template.parameters ?? {};
  for (const name of Object.keys(supplied)) if (!(name in declared)) throw new Error(`parameter ${name} is not declared by the template`);
  const bound: Record<string, ArmValue> = {};
  const defaults = new Scope(template, bound, resourceGroup);
  for (const [name, declaration] of Object.entries(declared)) {
    const value = name in supplied ? (supplied[name] ?? null) : "defaultValue" in declaration ? defaults.resolve(declaration.defaultValue) : undefined;
    if (value === undefined) throw new Error(`parameter ${name} needs a value`);
    if (declaration.allowedValues && !declaration.allowedValues.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
      throw new Error(`parameter ${name} must be one of ${JSON.stringify(declaration.allowedValues)}`);
    }
    bound[name] = value;
  }
  return bound;
}

/** Every resource the template deploys with these parameters: conditions, copy loops and nested deployments applied. */
export function deployedResources(template: Template, parameters: Record<string, ArmValue>, resourceGroup: string): DeployedResource[] {
  const scope = new Scope(template, bindParameters(template, parameters, resourceGroup), resourceGroup);
  const deployed: DeployedResource[] = [];
  for (const raw of template.resources) {
    const copies = raw.copy ? Array.from({ length: Number(scope.resolve(raw.copy.count)) }, (_, index) => scope.withCopyIndex(raw.copy?.name ?? "", index)) : [scope];
    for (const each of copies) {
      if (raw.condition !== undefined && each.resolve(raw.condition) !== true) continue;
      const name = text(each.resolve(raw.name));
      const targetGroup = raw.resourceGroup !== undefined ? text(each.resolve(raw.resourceGroup)) : resourceGroup;
      const scopeId = raw.scope !== undefined ? `${resourceGroupId(resourceGroup)}/providers/${text(each.resolve(raw.scope))}` : null;
      const id = scopeId ? `${scopeId}/${providerPath(raw.type, [name])}` : armResourceId(targetGroup, raw.type, name.split("/"));
      const nested = raw.type === "Microsoft.Resources/deployments" ? (raw.properties as { template?: Template; parameters?: Record<string, { value: unknown }>; expressionEvaluationOptions?: { scope?: string } }) : undefined;
      if (nested?.template) {
        if (nested.expressionEvaluationOptions?.scope !== "inner") throw new Error(`nested deployment ${name} must use inner expression scope`);
        const values = Object.fromEntries(Object.entries(nested.parameters ?? {}).map(([key, parameter]) => [key, each.resolve(parameter.value)]));
        deployed.push({ type: raw.type, apiVersion: raw.apiVersion, name, id, resourceGroup: targetGroup, scope: null, properties: null, evaluatedIn: each });
        deployed.push(...deployedResources(nested.template, values, targetGroup));
        continue;
      }
      deployed.push({ type: raw.type, apiVersion: raw.apiVersion, name, id, resourceGroup: targetGroup, scope: scopeId, properties: each.resolve(raw.properties ?? null), evaluatedIn: each });
    }
  }
  return deployed;
}
