/** Where health alerts are POSTed (ALERT_WEBHOOK_URL). A port: tests can count what was sent. */
export interface AlertWebhook {
  send(payload: Record<string, unknown>, idempotencyKey: string): Promise<boolean>;
}

const TIMEOUT_MS = 5_000;
const ATTEMPTS = 3;

/**
 * POSTs JSON with a timeout and a few retries on network errors and 5xx/429; the Idempotency-Key header
 * lets the receiver drop the duplicate a retried activity may send. Returns whether it was delivered.
 */
export class HttpAlertWebhook implements AlertWebhook {
  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async send(payload: Record<string, unknown>, idempotencyKey: string): Promise<boolean> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const response = await fetch(this.url, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (response.ok) return true;
        if (response.status < 500 && response.status !== 429) {
          this.log(`alert webhook refused the alert with HTTP ${response.status}; not retrying`);
          return false;
        }
        this.log(`alert webhook answered HTTP ${response.status} (attempt ${attempt} of ${ATTEMPTS})`);
      } catch (error) {
        this.log(`alert webhook unreachable (attempt ${attempt} of ${ATTEMPTS}): ${error instanceof Error ? error.message : String(error)}`);
      }
      if (attempt < ATTEMPTS) await this.sleep(500 * 2 ** (attempt - 1));
    }
    return false;
  }
}
