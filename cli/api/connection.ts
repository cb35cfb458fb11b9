import { z } from "zod";
import { isLoopbackUrl } from "../../shared/config/setting-rules";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";

/** Where Interlink's API is and the function key to send; from the flags, else the environment. */
export interface Connection {
  /** The API's base URL, without a trailing slash (e.g. http://127.0.0.1:7071/api). */
  baseUrl: URL;
  key?: string;
}

const HttpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), "must be an http(s) URL such as http://127.0.0.1:7071/api");
const Key = z.string().trim().min(1, "must not be empty");
const Port = z.coerce.number().int().min(1).max(65535);

export function resolveConnection(flags: { url?: string | undefined; key?: string | undefined }, env: Record<string, string | undefined>): Connection {
  const port = Port.safeParse(env.FUNCTIONS_PORT);
  const [source, raw] =
    flags.url !== undefined ? ["--url", flags.url] : env.INTERLINK_URL ? ["INTERLINK_URL", env.INTERLINK_URL] : ["FUNCTIONS_PORT", `http://127.0.0.1:${port.success ? port.data : 7071}/api`];
  const url = HttpUrl.safeParse(raw);
  if (!url.success) throw new CliError(EXIT.invalid, `${source} ${raw}: ${url.error.issues[0]?.message ?? "is not a URL"}`);
  const baseUrl = new URL(url.data);
  // The host's origin alone means its routes under /api, as the dev stack's banner prints it.
  if (baseUrl.pathname === "/" || baseUrl.pathname === "") baseUrl.pathname = "/api";
  baseUrl.pathname = baseUrl.pathname.replace(/\/+$/, "");
  baseUrl.search = "";
  baseUrl.hash = "";

  const [keySource, rawKey] = flags.key !== undefined ? ["--key", flags.key] : ["INTERLINK_KEY", env.INTERLINK_KEY];
  if (rawKey === undefined || (keySource === "INTERLINK_KEY" && rawKey === "")) return { baseUrl };
  const key = Key.safeParse(rawKey);
  if (!key.success) throw new CliError(EXIT.invalid, `${keySource}: ${key.error.issues[0]?.message ?? "is not a key"}`);
  // A key sent in clear text to another machine is a key given away.
  if (baseUrl.protocol === "http:" && !isLoopbackUrl(baseUrl.href)) throw new CliError(EXIT.invalid, `${source} ${raw}: must be https:// when a function key is sent (plain http only to 127.0.0.1 or localhost)`);
  return { baseUrl, key: key.data };
}
