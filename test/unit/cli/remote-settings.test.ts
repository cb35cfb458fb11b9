import { remoteSettings } from "../../../cli/remote-settings";
import { refusalOf } from "../../support/settings";

const refusal = (flags: { url?: string; key?: string }, environment: Record<string, string> = {}) => refusalOf(() => remoteSettings(flags, environment));

describe("how the CLI reaches a running Interlink (checked when a command starts)", () => {
  it("when nothing is given, then it is the local dev stack, without a key", () => {
    expect(remoteSettings({}, {})).toEqual({ url: "http://127.0.0.1:7071" });
  });

  it("when both flags and settings are given, then the flags win and a trailing slash is dropped", () => {
    expect(remoteSettings({ url: "https://interlink.azurewebsites.net/", key: "k1" }, { INTERLINK_URL: "http://127.0.0.1:9999", INTERLINK_KEY: "k2" })).toEqual({ url: "https://interlink.azurewebsites.net", key: "k1" });
    expect(remoteSettings({}, { INTERLINK_URL: "http://localhost:7072", INTERLINK_KEY: "k2" })).toEqual({ url: "http://localhost:7072", key: "k2" });
  });

  it("when the address is not an http(s) URL, then one line names the flag or the setting and the rule", () => {
    expect(refusal({ url: "127.0.0.1:7071" })).toBe("invalid --url=127.0.0.1:7071: must be the Function app's http(s) address, such as http://127.0.0.1:7071 or https://<app>.azurewebsites.net");
    expect(refusal({}, { INTERLINK_URL: "ftp://example.com" })).toMatch(/^invalid setting INTERLINK_URL=ftp:\/\/example\.com: must be the Function app's http\(s\) address/);
  });

  it("when a key would go over plain http to another machine, then it is refused and the key is not printed", () => {
    const message = refusal({ url: "http://interlink.example.com", key: "s3cret-key" });
    expect(message).toBe("invalid --url=http://interlink.example.com: must be https:// when a function key is sent (plain http is accepted only for 127.0.0.1 or localhost)");
    expect(refusal({ key: " " })).toBe("invalid --key (value hidden): must not be empty");
    expect(message).not.toContain("s3cret");
  });
});
