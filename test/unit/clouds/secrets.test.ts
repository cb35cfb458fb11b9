import { classifyCloudError } from "../../../shared/clouds/errors";
import { scrubbedError, SECRET_MASK, withoutSecrets } from "../../../shared/clouds/secrets";

const SECRET = "correct horse battery staple";

/** Shaped like the Azure pipeline's RestError: it keeps the request it failed on, body included. */
function restError(): Error {
  return Object.assign(new Error(`The value '${SECRET}' is not valid.`), {
    name: "RestError",
    statusCode: 429,
    code: "SubscriptionRequestsThrottled",
    request: { method: "PUT", url: "https://management.azure.com/x", body: JSON.stringify({ properties: { sharedKey: SECRET } }) },
    response: { status: 429, headers: { "retry-after": "7" }, bodyAsText: JSON.stringify({ echo: SECRET }) },
  });
}

describe("errors raised while a secret is being sent", () => {
  it("when an SDK error carries the request and echoes the key, then the copy keeps what the classifier reads and nothing with the key", () => {
    const scrubbed = scrubbedError(restError(), [SECRET]);
    expect(JSON.stringify(scrubbed, Object.getOwnPropertyNames(scrubbed))).not.toContain(SECRET);
    expect(scrubbed.message).toBe(`The value '${SECRET_MASK}' is not valid.`);
    expect(scrubbed).not.toHaveProperty("request");
    expect(classifyCloudError(scrubbed)).toMatchObject({ retryable: true, retryAfterMs: 7000, failure: { cloud: "azure", status: 429, code: "SubscriptionRequestsThrottled" } });
  });

  it("when an OCI error is scrubbed, then its service code still classifies it", () => {
    const ociError = Object.assign(new Error("Invalid parameter"), { statusCode: 409, serviceCode: "IncorrectState", opcRequestId: "abc" });
    expect(classifyCloudError(scrubbedError(ociError, [SECRET]))).toMatchObject({ retryable: true, notReady: true, failure: { cloud: "oci", code: "IncorrectState" } });
  });

  it("when the call succeeds, then its answer passes through; when it fails, the scrubbed error is thrown", async () => {
    await expect(withoutSecrets([SECRET], async () => 42)).resolves.toBe(42);
    const thrown = await withoutSecrets([SECRET], async () => {
      throw restError();
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect(JSON.stringify(thrown, Object.getOwnPropertyNames(thrown))).not.toContain(SECRET);
  });
});
