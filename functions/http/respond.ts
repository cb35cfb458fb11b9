import { type HttpResponseInit } from "@azure/functions";
import { type FieldError, type ProblemDetails, validationProblem } from "../../shared/domain/problem";

const PROBLEM_BASE = "https://interlink.dev/problems/";

/** RFC 9457 problem details as `application/problem+json`. */
export function problem(details: ProblemDetails): HttpResponseInit {
  return { status: details.status, jsonBody: details, headers: { "content-type": "application/problem+json" } };
}

export function badRequest(errors: FieldError[], title = "The request is not valid"): HttpResponseInit {
  return problem(validationProblem(errors, title, 400));
}

export function notFound(detail: string): HttpResponseInit {
  return problem({ type: `${PROBLEM_BASE}not-found`, title: "Not found", status: 404, detail, errors: [] });
}

export function conflict(detail: string, errors: FieldError[] = []): HttpResponseInit {
  return problem({ type: `${PROBLEM_BASE}conflict`, title: "Conflict with the interconnect's current state", status: 409, detail, errors });
}

export function payloadTooLarge(limitBytes: number): HttpResponseInit {
  return problem({ type: `${PROBLEM_BASE}too-large`, title: "Request body too large", status: 413, detail: `the body must be at most ${limitBytes} bytes`, errors: [] });
}

export function unsupportedMediaType(): HttpResponseInit {
  return problem({
    type: `${PROBLEM_BASE}unsupported-media-type`,
    title: "Unsupported media type",
    status: 415,
    detail: "send the body as application/json",
    errors: [{ path: "", message: "content-type must be application/json" }],
  });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { "content-type": "application/json", ...headers } };
}

/**
 * A failure the caller did not cause (storage or a cloud unreachable) becomes a 503 problem with no internal
 * detail; the error itself goes to the function log. Bad input never gets here: it is a 4xx before.
 */
export function guarded<A extends unknown[]>(handler: (...args: A) => Promise<HttpResponseInit>, log: (...args: A) => (message: string) => void) {
  return async (...args: A): Promise<HttpResponseInit> => {
    try {
      return await handler(...args);
    } catch (error) {
      log(...args)(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
      return problem({ type: `${PROBLEM_BASE}unavailable`, title: "Service unavailable", status: 503, detail: "a backing service did not answer; try again shortly", errors: [] });
    }
  };
}
