import Ajv2020 from "ajv/dist/2020";
import { openApiDocument, ROUTES } from "../../../functions/http/openapi-document";
import { designRequest } from "../../support/requests";

describe("OpenAPI document", () => {
  const document = openApiDocument();

  it("when generated, then it is OpenAPI 3.1 with every route of the public contract", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(ROUTES.map((route) => route.path))].sort());
    expect(Object.keys(document.paths["/api/interconnects/{name}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
  });

  it("when the SetupRequest schema is used as JSON Schema, then DESIGN.md's example passes and a malformed one fails", () => {
    const ajv = new Ajv2020({ strict: false });
    for (const [id, schema] of Object.entries(document.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${id}`);
    const validate = ajv.getSchema("#/components/schemas/SetupRequest");
    expect(validate).toBeDefined();
    expect(validate?.(designRequest())).toBe(true);
    expect(validate?.(designRequest((r) => (r.name = "Bad Name")))).toBe(false);
    expect(validate?.({ ...designRequest(), unexpected: true })).toBe(false);
  });

  it("when a route mutates, then it requires the function key", () => {
    const post = (document.paths["/api/interconnects"] as Record<string, { security?: unknown }>).post;
    const get = (document.paths["/api/interconnects"] as Record<string, { security?: unknown }>).get;
    expect(post?.security).toEqual([{ functionKey: [] }]);
    expect(get?.security).toBeUndefined();
  });
});
