import { resolveConnection } from "../../../cli/api/connection";
import { parseDuration, parseInterval } from "../../../cli/args";
import { CliError } from "../../../cli/errors";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("where the CLI finds Interlink", () => {
  it("when nothing is set, then it is the dev stack's default port, or the one in FUNCTIONS_PORT", () => {
    expect(resolveConnection({}, {}).baseUrl.href).toBe("http://127.0.0.1:7071/api");
    expect(resolveConnection({}, { FUNCTIONS_PORT: "7123" }).baseUrl.href).toBe("http://127.0.0.1:7123/api");
  });

  it("when INTERLINK_URL and --url are both set, then --url wins; an origin alone means its /api", () => {
    expect(resolveConnection({}, { INTERLINK_URL: "https://interlink.example.net/api/" }).baseUrl.href).toBe("https://interlink.example.net/api");
    expect(resolveConnection({ url: "http://127.0.0.1:7500" }, { INTERLINK_URL: "https://interlink.example.net/api" }).baseUrl.href).toBe("http://127.0.0.1:7500/api");
  });

  it("when the URL is not http(s), then it is invalid input naming where it came from", () => {
    expect(refusal(() => resolveConnection({}, { INTERLINK_URL: "ftp://host/api" }))).toEqual({ code: 2, message: "INTERLINK_URL ftp://host/api: must be an http(s) URL such as http://127.0.0.1:7071/api" });
    expect(refusal(() => resolveConnection({ url: "localhost:7071" }, {})).message).toMatch(/^--url localhost:7071: must be an http\(s\) URL/);
  });

  it("when a key is given, then --key wins over INTERLINK_KEY, and an empty --key is refused", () => {
    expect(resolveConnection({}, { INTERLINK_KEY: "from-env" }).key).toBe("from-env");
    expect(resolveConnection({ key: "from-flag" }, { INTERLINK_KEY: "from-env" }).key).toBe("from-flag");
    expect(resolveConnection({}, { INTERLINK_KEY: "" }).key).toBeUndefined();
    expect(refusal(() => resolveConnection({ key: " " }, {}))).toEqual({ code: 2, message: "--key: must not be empty" });
  });

  it("when a key would go over plain http to another machine, then it is refused before anything is sent, and the key is not printed", () => {
    const refused = refusal(() => resolveConnection({ url: "http://interlink.example.net/api", key: "s3cret-key" }, {}));
    expect(refused).toEqual({ code: 2, message: "--url http://interlink.example.net/api: must be https:// when a function key is sent (plain http only to 127.0.0.1 or localhost)" });
    expect(resolveConnection({ url: "https://interlink.example.net/api", key: "k" }, {}).key).toBe("k");
    expect(resolveConnection({ key: "k" }, { FUNCTIONS_PORT: "7123" }).baseUrl.href).toBe("http://127.0.0.1:7123/api");
  });
});

describe("durations on the command line", () => {
  it.each([
    ["90s", 90_000],
    ["45m", 2_700_000],
    ["1h30m", 5_400_000],
    ["120", 120_000],
  ])("when --timeout is %s, then it is %d ms", (text, ms) => {
    expect(parseDuration("timeout", text)).toBe(ms);
  });

  it.each(["0", "abc", "5x", "", "-3"])("when --timeout is %p, then it is refused naming the option and the rule", (text) => {
    expect(refusal(() => parseDuration("timeout", text))).toEqual({ code: 2, message: `--timeout ${text}: must be a positive duration such as 90s, 45m, 2h or 1h30m` });
  });

  it("when --interval is absent, fractional or out of range, then 2 s, its milliseconds, or a refusal", () => {
    expect(parseInterval(undefined)).toBe(2000);
    expect(parseInterval("0.5")).toBe(500);
    expect(refusal(() => parseInterval("0")).code).toBe(2);
  });
});
