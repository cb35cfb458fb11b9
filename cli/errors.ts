import { type ExitCode } from "./exit-codes";

/** A failure the user can act on: its message is printed as is, and the exit status says what kind it is. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** Further lines (field errors, hints), printed indented under the message. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ((cause as Error & { code?: string }).code ?? cause.message) : undefined;
    return causeText && !error.message.includes(causeText) ? `${error.message} (${causeText})` : error.message;
  }
  return String(error);
}
