import { z } from "zod";
import { jsonBody } from "../core/http";
import { ArmError, invalidBody } from "./errors";
import type { ArmCall } from "./kinds";

/** The request body as an object (ARM refuses anything else). */
export function objectBody(call: ArmCall): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = jsonBody(call.req);
  } catch {
    throw invalidBody("The request content is not valid JSON.");
  }
  if (parsed === undefined) return {};
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidBody("The request content must be a JSON object.");
  return parsed as Record<string, unknown>;
}

/** Parses with zod; failures become 400 InvalidRequestFormat naming the offending property. */
export function parseArm<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${what}.${issue.path.join(".")}` : what;
  throw new ArmError(400, "InvalidRequestFormat", `Cannot parse the request. Property '${path}': ${issue?.message ?? "invalid value"}.`);
}

export const SubResource = z.object({ id: z.string().min(1) });

export const Tags = z.record(z.string(), z.string());

/** `properties` of a PUT body; absent means empty. */
export function propertiesOf(body: Record<string, unknown>): Record<string, unknown> {
  const properties = body.properties;
  if (properties === undefined || properties === null) return {};
  if (typeof properties !== "object" || Array.isArray(properties)) throw invalidBody("Property 'properties' must be an object.");
  return properties as Record<string, unknown>;
}
