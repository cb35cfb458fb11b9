import { app } from "@azure/functions";
import { openApiDocument } from "./openapi-document";
import { json } from "./respond";

let document: ReturnType<typeof openApiDocument> | undefined;

app.http("openApi", {
  route: "openapi.json",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => {
    document ??= openApiDocument();
    return json(200, document);
  },
});
