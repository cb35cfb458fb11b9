// How the `interlink` commands that talk to a running Interlink reach it: --url / --key, or the INTERLINK_URL /
// INTERLINK_KEY settings. Checked once when such a command starts; a bad value stops it with one line naming
// the flag or setting and the rule, before any request is sent.
import { z } from "zod";
import "../shared/domain/zod-messages";
import { isLoopbackUrl, settingsError } from "../shared/config/setting-rules";

export { SettingsError } from "../shared/config/setting-rules";

const DEFAULT_URL = "http://127.0.0.1:7071";

const RemoteValues = z
  .object({
    INTERLINK_URL: z
      .string()
      .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), `must be the Function app's http(s) address, such as ${DEFAULT_URL} or https://<app>.azurewebsites.net`)
      .default(DEFAULT_URL),
    /** A function key (x-functions-key). A secret: never printed. */
    INTERLINK_KEY: z.string().trim().min(1, "must not be empty").optional(),
  })
  .superRefine((values, ctx) => {
    // A key sent in clear text to another machine is a key given away.
    if (values.INTERLINK_KEY && new URL(values.INTERLINK_URL).protocol === "http:" && !isLoopbackUrl(values.INTERLINK_URL)) {
      ctx.addIssue({ code: "custom", path: ["INTERLINK_URL"], message: "must be https:// when a function key is sent (plain http is accepted only for 127.0.0.1 or localhost)" });
    }
  });

export interface Remote {
  /** The app's base address, without a trailing slash (routes are under `${url}/api`). */
  url: string;
  key?: string;
}

const FLAGS: Record<string, string> = { INTERLINK_URL: "--url", INTERLINK_KEY: "--key" };

/** The address and key to use: the flags win over the settings. Throws a SettingsError whose message is the one line to print. */
export function remoteSettings(flags: { url?: string | undefined; key?: string | undefined }, environment: NodeJS.ProcessEnv = process.env): Remote {
  const given = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
  const values = { INTERLINK_URL: given(flags.url) ?? given(environment.INTERLINK_URL), INTERLINK_KEY: given(flags.key) ?? given(environment.INTERLINK_KEY) };
  const fromFlag = (name: string) => (name === "INTERLINK_URL" ? given(flags.url) : given(flags.key)) !== undefined;
  const parsed = RemoteValues.safeParse(values);
  if (!parsed.success) throw settingsError(parsed.error.issues, values, ["INTERLINK_KEY"], (name) => (fromFlag(name) ? (FLAGS[name] ?? name) : `setting ${name}`));
  return { url: parsed.data.INTERLINK_URL.replace(/\/+$/, ""), ...(parsed.data.INTERLINK_KEY ? { key: parsed.data.INTERLINK_KEY } : {}) };
}
