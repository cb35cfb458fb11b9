import { main } from "../../../cli/main";

/** A fake Interlink that serves the list in pages of one, with continuation tokens. */
function pagedApi(names: string[]) {
  const asked: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    asked.push(`${url.pathname}${url.search}`);
    const index = Number(url.searchParams.get("continuationToken") ?? "0");
    const more = index + 1 < names.length;
    const body = { value: [{ name: names[index], state: "Active" }], ...(more ? { continuationToken: String(index + 1), nextLink: `/api/interconnects?continuationToken=${index + 1}` } : {}) };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, asked };
}

describe("interlink status without a name (the list is paged)", () => {
  it("when the list comes in pages, then every page is read through its continuation token and all interconnects are shown", async () => {
    const api = pagedApi(["link-a", "link-b", "link-c"]);
    let stdout = "";
    const code = await main(["status", "--format", "json", "--url", "http://127.0.0.1:7071/api"], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, fetch: api.fetch, env: {} });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { value: Array<{ name: string }> }).value.map((summary) => summary.name)).toEqual(["link-a", "link-b", "link-c"]);
    expect(api.asked).toEqual(["/api/interconnects", "/api/interconnects?continuationToken=1", "/api/interconnects?continuationToken=2"]);
  });
});
