import { z } from "zod";
import "../domain/zod-messages";
import { InterconnectName } from "../domain/identifiers";
import { InterconnectState } from "../domain/inventory";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Continuation tokens are opaque to callers: base64url of where the next page starts. */
const TokenContent = z.object({ after: InterconnectName });

export function continuationToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), "utf8").toString("base64url");
}

const Token = z.string().transform((token, context) => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const content = TokenContent.safeParse(decoded);
  if (content.success) return content.data.after;
  context.addIssue({ code: "custom", message: "is not a continuation token from this API: pass the continuationToken of the previous page as it was" });
  return z.NEVER;
});

/** The query of `GET /api/interconnects`: page size, where to continue, and an optional state to list. */
export const ListQuery = z.object({
  top: z.coerce
    .number()
    .int("must be a whole number")
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`How many interconnects per page, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`),
  continuationToken: Token.optional().describe("Where the previous page ended: its continuationToken, as it was."),
  state: InterconnectState.optional().describe("Only interconnects in this state (Deleted ones are listed only when asked for)."),
});
export type ListQuery = z.output<typeof ListQuery>;
