import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { openApiDocument } from "../../functions/http/openapi-document";

/** Validators for the schemas the OpenAPI document publishes, so tests check real bodies against them. */
export function publishedSchemas(document = openApiDocument()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [id, schema] of Object.entries(document.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${id}`);
  return {
    document,
    validator(id: string): ValidateFunction {
      const validate = ajv.getSchema(`#/components/schemas/${id}`);
      if (!validate) throw new Error(`no published schema ${id}`);
      return validate;
    },
    /** The validation errors of a body against a published schema (empty when it conforms). */
    errors(id: string, body: unknown): string[] {
      const validate = this.validator(id);
      return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
    },
  };
}
