import "./zod-messages";
import { type z } from "zod";

/** One thing wrong with an input: where it is and which rule it breaks. */
export interface FieldError {
  /** Dotted path into the input, e.g. `azure.vnet.addressSpaces[0]`; empty for the whole document. */
  path: string;
  message: string;
}

/** RFC 9457 problem details, extended with the list of field errors. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const PROBLEM_TYPE_VALIDATION = "https://interlink.dev/problems/validation";

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function validationProblem(errors: FieldError[], title = "The request is not valid", status = 400): ProblemDetails {
  const first = errors[0];
  const detail =
    errors.length === 1 && first
      ? `${first.path || "request"}: ${first.message}`
      : `${errors.length} problems found; see errors[].`;
  return { type: PROBLEM_TYPE_VALIDATION, title, status, detail, errors };
}

/** Parse with a schema and turn failures into field errors, never throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrorsFromZod(parsed.error) };
}
