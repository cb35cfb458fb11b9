import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { functionKey, loadCapabilities, onUnauthorized } from "./api";
import { html } from "./html";
import { LinkPage } from "./pages/link";
import { LinksPage } from "./pages/links";
import { NewLinkPage } from "./pages/new-link";

/** Hash routes, so the one page served by the Functions app holds every view: #/, #/new, #/links/<name>[/<tab>]. */
export type Route = { page: "links" } | { page: "new" } | { page: "link"; name: string; tab: string };

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "new") return { page: "new" };
  if (parts[0] === "links" && parts[1]) return { page: "link", name: parts[1], tab: parts[2] ?? "operation" };
  return { page: "links" };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return route;
}

/** The function key for this tab: asked for when the API answers 401, kept in sessionStorage only. */
function KeyForm({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState(functionKey.get());
  const [saved, setSaved] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    functionKey.set(value.trim());
    setSaved(true);
    onDone();
  };
  return html`
    <form class="key-form" onSubmit=${submit}>
      <label for="function-key">Function key</label>
      <input id="function-key" type="password" autocomplete="off" value=${value} onInput=${(event: Event) => setValue((event.target as HTMLInputElement).value)} />
      <button type="submit">Use key</button>
      <span class="muted" role="status">${saved ? "Key kept for this tab only." : "Sent as x-functions-key; kept in this tab's session, never in a URL."}</span>
    </form>
  `;
}

function App() {
  const route = useRoute();
  const [needsKey, setNeedsKey] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [ready, setReady] = useState(false);
  useEffect(() => onUnauthorized(() => setNeedsKey(true)), []);
  // Ask for the key before the first read when this Interlink's reads need one, rather than after a refusal.
  useEffect(() => {
    void loadCapabilities().then((found) => {
      if (found.readsNeedKey && !functionKey.get()) setNeedsKey(true);
      setReady(true);
    });
  }, []);
  const current = (page: string) => (route.page === page ? "page" : undefined);
  return html`
    <header class="top">
      <a class="brand" href="#/">Interlink</a>
      <nav aria-label="Main">
        <a href="#/" aria-current=${current("links")}>Links</a>
        <a href="#/new" aria-current=${current("new")}>New interconnect</a>
        <a href="openapi.json">API (OpenAPI)</a>
      </nav>
      <button type="button" class="link-button" onClick=${() => setNeedsKey(!needsKey)} aria-expanded=${needsKey}>Function key</button>
    </header>
    ${needsKey
      ? html`<div class="banner" role="alert">
          <p>The API needs a function key for this. Enter one of the app's function or host keys.</p>
          <${KeyForm}
            onDone=${() => {
              setNeedsKey(false);
              setGeneration(generation + 1);
            }}
          />
        </div>`
      : null}
    <main id="main" key=${generation}>
      ${!ready || (needsKey && !functionKey.get())
        ? html`<p role="status">${ready ? "Enter a function key above to see the links." : "Loading…"}</p>`
        : route.page === "links" ? html`<${LinksPage} />` : route.page === "new" ? html`<${NewLinkPage} />` : html`<${LinkPage} name=${route.name} tab=${route.tab} />`}
    </main>
  `;
}

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(html`<${App} />`, root);
}
