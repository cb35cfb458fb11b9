// The API under hostile input, through the dev host as a caller reaches it: malformed escapes, bad Host headers,
// oversized and deeply nested bodies. Each is a 4xx that names the problem; none is a 500.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";

jest.setTimeout(60_000);

const exampleSettings = (JSON.parse(readFileSync(path.resolve(__dirname, "../../local.settings.example.json"), "utf8")) as { Values: Record<string, string> }).Values;
const BODY_LIMIT = Number(exampleSettings.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT);

interface Problem {
  status: number;
  title: string;
  errors: Array<{ path: string; message: string }>;
}

describe("bad requests get a 4xx problem, never a 500", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack({ seed: false, settings: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: String(BODY_LIMIT) } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each([["%"], ["%zz"], ["erp%2"], ["%C3%28"]])("when the interconnect name in the path is the malformed escape %s, then 400 problem+json naming the name", async (raw) => {
    for (const [method, suffix] of [["GET", ""], ["DELETE", ""], ["POST", "/suspend"], ["GET", "/health"]] as const) {
      const response = await stack.host.http.request(method, `/api/interconnects/${raw}${suffix}`);
      expect({ method, suffix, status: response.status, type: response.headers["content-type"] }).toEqual({ method, suffix, status: 400, type: "application/problem+json" });
      expect(response.json<Problem>().errors).toEqual([expect.objectContaining({ path: "name" })]);
    }
  });

  it("when the Host header is not a host name, then 400", async () => {
    expect((await stack.host.http.request("GET", "/api/interconnects", { headers: { host: "evil host/" } })).status).toBe(400);
  });

  it("when a body nests 5,000 levels deep, then 400 naming the nesting rule", async () => {
    const deep = `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    for (const route of ["/api/interconnects/plan", "/api/interconnects"]) {
      const response = await stack.host.http.request("POST", route, { body: deep, headers: { "content-type": "application/json" } });
      expect(response.status).toBe(400);
      expect(response.json<Problem>().errors).toEqual([{ path: "", message: "is nested more than 32 levels deep; a request nests only a few" }]);
    }
  });

  it("when a body is larger than the app's limit, then the host refuses it (413) before the app reads it", async () => {
    expect(BODY_LIMIT).toBeLessThanOrEqual(1024 * 1024);
    const response = await stack.host.http.request("POST", "/api/interconnects/plan", { body: Buffer.alloc(BODY_LIMIT + 1, 0x20), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(413);
  });
});
