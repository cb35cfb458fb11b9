// preact + htm: tagged templates instead of JSX, so the console needs no compiler step of its own.
export { html } from "htm/preact";
