/**
 * The text of a ticket on the requests queue. host.json keeps queue messages as they are (`messageEncoding: none`):
 * with base64 decoding in the host, the Functions library would parse the JSON and walk it recursively before any
 * handler runs, and a deeply nested ticket would overflow the stack on every delivery. So the ticket arrives as its
 * base64 text, and intake decodes and checks it before parsing. A ticket sent as plain JSON (not base64) still works:
 * the library has parsed that one already, and it arrives as a value, not a string.
 */
export function ticketText(raw: string): string {
  const compact = raw.trim();
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return raw;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(compact, "base64"));
  } catch {
    // Looked like base64 but is not UTF-8 text once decoded: the message is the text itself.
    return raw;
  }
}

/** The JSON value the text holds, or the text itself when it is not JSON (refused later as "not a JSON object"). */
export function parseTicket(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
