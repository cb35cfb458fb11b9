import type { EmulatorReply } from "../core/http";
import { invalidParameter } from "./errors";

/** Items with the sort keys OCI lists use. */
export interface Sortable {
  seq: number;
  displayName: string;
  timeCreated: string;
}

function encodePage(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

function decodePage(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof parsed.offset === "number" && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalidParameter(`Invalid page token: ${token}.`);
}

/** Sorts by `sortBy` (TIMECREATED default, newest first; DISPLAYNAME ascending) and `sortOrder`. */
export function sortForList<T extends Sortable>(items: T[], query: URLSearchParams): T[] {
  const sortBy = (query.get("sortBy") ?? "TIMECREATED").toUpperCase();
  if (sortBy !== "TIMECREATED" && sortBy !== "DISPLAYNAME") throw invalidParameter(`Invalid sortBy ${sortBy}; use TIMECREATED or DISPLAYNAME.`);
  const order = (query.get("sortOrder") ?? (sortBy === "TIMECREATED" ? "DESC" : "ASC")).toUpperCase();
  if (order !== "ASC" && order !== "DESC") throw invalidParameter(`Invalid sortOrder ${order}; use ASC or DESC.`);
  const direction = order === "ASC" ? 1 : -1;
  return [...items].sort((a, b) => {
    const primary = sortBy === "DISPLAYNAME" ? a.displayName.localeCompare(b.displayName) : a.timeCreated.localeCompare(b.timeCreated);
    return (primary !== 0 ? primary : a.seq - b.seq) * direction;
  });
}

/** One page of a JSON-array list, with `opc-next-page` when more remain. */
export function pageReply(items: unknown[], query: URLSearchParams): EmulatorReply {
  const limitText = query.get("limit");
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParameter(`Invalid limit ${limitText}; use 1-1000.`);
  const pageText = query.get("page");
  const offset = pageText ? decodePage(pageText) : 0;
  const page = items.slice(offset, offset + limit);
  const headers: Record<string, string> = {};
  if (offset + limit < items.length) headers["opc-next-page"] = encodePage(offset + limit);
  return { status: 200, headers, json: page };
}
