import { app } from "@azure/functions";
import { readAuth } from "./auth";
import { openApiDocument } from "./openapi-document";
import { json } from "./respond";

let document: ReturnType<typeof openApiDocument> | undefined;

/**
 * Public on purpose: it describes the API's shape (already public with the code) and holds no interconnect,
 * tenant or key; clients need it before they have a key, e.g. to learn which header carries the key.
 */
app.http("openApi", {
  route: "openapi.json",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => {
    document ??= openApiDocument({ readAuth: readAuth() });
    return json(200, document);
  },
});
