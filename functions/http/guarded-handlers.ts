import { type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { type DurableClient } from "durable-functions";
import { guarded } from "./respond";

/** A route handler given the Durable client, guarded (an unexpected failure is a 503, logged to the function's log). */
export const withClient = (handler: (request: HttpRequest, client: DurableClient) => Promise<HttpResponseInit>) =>
  guarded(
    async (request: HttpRequest, client: DurableClient, _context: InvocationContext) => handler(request, client),
    (_request, _client, context) => (message) => context.error(message),
  );

/** A route handler without the Durable client, guarded the same way. */
export const plain = (handler: (request: HttpRequest) => Promise<HttpResponseInit>) =>
  guarded(
    async (request: HttpRequest, _context: InvocationContext) => handler(request),
    (_request, context) => (message) => context.error(message),
  );
