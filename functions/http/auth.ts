import { settings } from "../../shared/config/settings";

/** Routes that change something always need a function key (`x-functions-key` or `?code=`). */
export const MUTATING_AUTH = "function";

/**
 * Read routes show subscription ids, OCIDs, BGP addresses and exposure findings, so they need a key too,
 * unless INTERLINK_READ_AUTH=anonymous opens them for a trusted network. Read when the routes register.
 */
export function readAuth(): "function" | "anonymous" {
  return settings().INTERLINK_READ_AUTH;
}
