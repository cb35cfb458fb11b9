import { readFile } from "node:fs/promises";
import path from "node:path";
import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";

/**
 * The web console: a static page and its bundle (built into dist/console by `npm run build`), served by the app
 * itself so there is no second server. Public like the OpenAPI document: the files hold no interconnect data; the
 * page's own calls to the API carry the function key the operator enters on the page.
 */
const ASSETS: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

const HEADERS = {
  // Only this origin's own files; the page never loads anything from elsewhere (it must work offline).
  "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

/** dist/functions/http -> dist/console when compiled; from the TypeScript sources (tests), the built copy in dist/console. */
function assetDirectory(): string {
  const compiled = __dirname.split(path.sep).includes("dist");
  return compiled ? path.resolve(__dirname, "../../console") : path.resolve(__dirname, "../../dist/console");
}

const cache = new Map<string, Buffer>();

async function asset(file: string): Promise<Buffer | null> {
  const cached = cache.get(file);
  if (cached) return cached;
  try {
    const content = await readFile(path.join(assetDirectory(), file));
    cache.set(file, content);
    return content;
  } catch {
    return null;
  }
}

export async function serveConsole(request: HttpRequest): Promise<HttpResponseInit> {
  const file = request.params.file ?? "index.html";
  const type = ASSETS[file];
  const content = type ? await asset(file) : null;
  if (!type || !content) {
    const missing = type ? "the console is not built: run npm run build" : `no console file ${file}`;
    return { status: 404, body: missing, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" } };
  }
  return { status: 200, body: content, headers: { ...HEADERS, "content-type": type } };
}

app.http("console", { route: "console", methods: ["GET"], authLevel: "anonymous", handler: serveConsole });
app.http("consoleAsset", { route: "console/{file}", methods: ["GET"], authLevel: "anonymous", handler: serveConsole });
