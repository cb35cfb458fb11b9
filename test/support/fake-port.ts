/**
 * In-memory cloud ports (ports we own) for unit tests of activities. They keep state like the clouds do, so
 * an activity run twice sees what its first run made, and record every call. A queued error is thrown by
 * the next call of that method, after which the method works again.
 */
export abstract class FakePort {
  readonly calls: string[] = [];
  private readonly failures = new Map<string, unknown[]>();
  private readonly lostAnswers = new Map<string, unknown>();

  /** The next `times` calls of `method` throw `error` (the call changes nothing). */
  failNext(method: string, error: unknown, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
  }

  /** The next call of `method` does its work, then throws `error`, as when the answer is lost on the way back. */
  loseNextAnswer(method: string, error: unknown): void {
    this.lostAnswers.set(method, error);
  }

  /** Runs a call's work, honouring a lost answer. */
  protected async answer<T>(method: string, work: () => T): Promise<T> {
    const result = work();
    const lost = this.lostAnswers.get(method);
    if (lost !== undefined) {
      this.lostAnswers.delete(method);
      throw lost;
    }
    return result;
  }

  callsOf(method: string): number {
    return this.calls.filter((call) => call === method).length;
  }

  protected enter(method: string): void {
    this.calls.push(method);
    const queued = this.failures.get(method);
    if (queued && queued.length > 0) throw queued.shift();
  }
}

/** An error shaped like the Azure pipeline's RestError. */
export const armError = (statusCode: number, code: string, message = code) => Object.assign(new Error(message), { name: "RestError", statusCode, code });
/** An error shaped like the OCI SDK's OciError. */
export const ociError = (statusCode: number, serviceCode: string, message = serviceCode) => Object.assign(new Error(message), { statusCode, serviceCode, opcRequestId: "fake-request" });
