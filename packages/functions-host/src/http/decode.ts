// Percent-decoding of path segments as Kestrel does it for Azure Functions: valid escapes are decoded, an invalid
// one ("%", "%zz", a broken UTF-8 sequence) stays as it was written. A malformed escape is the caller's text, never
// a server error; the function that receives the value decides whether it is acceptable.

/** Decodes `%XX` runs that form valid UTF-8 and keeps everything else literally. */
export function decodeLeniently(raw: string): string {
  if (!raw.includes("%")) return raw;
  return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return decodeBytewise(run);
    }
  });
}

/** A run that is not valid UTF-8 as a whole: decode what can be decoded, one complete character at a time. */
function decodeBytewise(run: string): string {
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
  let out = "";
  let index = 0;
  while (index < escapes.length) {
    let decoded: string | undefined;
    let used = 0;
    // A UTF-8 character is one to four bytes: take the shortest group that decodes.
    for (let length = 1; length <= 4 && index + length <= escapes.length; length++) {
      try {
        decoded = decodeURIComponent(escapes.slice(index, index + length).join(""));
        used = length;
        break;
      } catch {
        // not a whole character yet
      }
    }
    if (decoded === undefined) {
      out += escapes[index];
      index += 1;
    } else {
      out += decoded;
      index += used;
    }
  }
  return out;
}
