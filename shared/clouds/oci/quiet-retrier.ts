/**
 * oci-common's retrier writes every failed call to console.warn ("Request cannot be retried. Not Retrying.
 * Exception occurred : ...", "Request failed with Exception : ... Retrying request", "All retry attempts have
 * exhausted"), whatever the caller does with the error; its LOG.logger hook only receives the debug lines, not
 * these. The same error is thrown to the adapter, which classifies it (a 404 of an existence read is an expected
 * "absent") and the activity reports it, so the lines are noise: on every existence read, every test.
 * This drops exactly those lines and passes everything else through.
 */
const RETRIER_LINES = /^(Request cannot be retried\. Not Retrying\.|Request failed with Exception :|All retry attempts have exhausted\.)/;
const INSTALLED = Symbol.for("interlink.oci-retrier-console");

export function quietOciRetrier(): void {
  const console_ = console as Console & { [INSTALLED]?: true };
  if (console_[INSTALLED]) return;
  const warn = console_.warn.bind(console_);
  console_.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && RETRIER_LINES.test(args[0])) return;
    warn(...args);
  };
  console_[INSTALLED] = true;
}
