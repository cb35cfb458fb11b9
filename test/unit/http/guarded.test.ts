import { guarded } from "../../../functions/http/respond";

describe("HTTP failure mapping", () => {
  it("when a backing service throws, then the caller gets a 503 problem without internal detail and the error is logged", async () => {
    const logged: string[] = [];
    const handler = guarded(
      async (_input: string) => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:10002 AccountKey=secret");
      },
      () => (message) => logged.push(message),
    );
    const response = await handler("x");
    expect(response.status).toBe(503);
    expect(response.headers).toEqual({ "content-type": "application/problem+json" });
    expect(JSON.stringify(response.jsonBody)).not.toContain("ECONNREFUSED");
    expect(logged[0]).toContain("ECONNREFUSED");
  });

  it("when the handler answers, then its response passes through unchanged", async () => {
    const handler = guarded(async () => ({ status: 202 }), () => () => undefined);
    expect(await handler()).toEqual({ status: 202 });
  });
});
