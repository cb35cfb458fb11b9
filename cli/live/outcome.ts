import { EXIT, type ExitCode } from "../exit-codes";
import { type Runtime } from "../io";
import { type FollowEnd, type FollowTarget } from "./follow";
import { formatDuration, formatFailure } from "./format";

/** The end of a followed operation as one JSON document (`--format json`). */
function summary(end: FollowEnd, target: FollowTarget) {
  const operation = end.operation;
  return {
    name: target.name,
    operation: operation?.operation ?? target.operation,
    instanceId: operation?.instanceId ?? target.instanceId ?? null,
    result: end.kind,
    state: end.view?.state ?? null,
    ...(end.kind === "failed"
      ? { failedStep: end.failure.step ?? null, error: end.failure.error ?? null, ...(end.failure.rolledBack !== undefined ? { rolledBack: end.failure.rolledBack } : {}) }
      : {}),
  };
}

function rollbackLine(operation: string, rolledBack: boolean | undefined): string | undefined {
  if (rolledBack === true) return `  Rolled back: what the ${operation} had created was removed.`;
  if (rolledBack === false) return `  Not rolled back: what the ${operation} built is kept for inspection (options.rollbackOnFailure is false).`;
  return undefined;
}

/** Prints how a followed operation ended and returns the exit status that says it. */
export function reportEnd(end: FollowEnd, target: FollowTarget, runtime: Runtime, format: "json" | "text"): ExitCode {
  const operation = end.operation?.operation ?? target.operation;
  const out = format === "json" ? runtime.stderr : runtime.stdout;
  const { command } = target.collection;
  const watchAgain = `${command} watch ${target.name}`;
  let code: ExitCode;
  switch (end.kind) {
    case "succeeded":
      out.write(`${operation} of ${target.name} succeeded: ${target.name} is ${end.view?.state ?? "Deleted"}.\n`);
      code = EXIT.ok;
      break;
    case "failed": {
      const { step, error, rolledBack } = end.failure;
      const lines = [
        `Error: ${operation} of ${target.name} failed${step ? ` at step ${step}` : ""}${error ? `: ${formatFailure(error)}` : ""}`,
        rollbackLine(operation, rolledBack),
        end.view ? `  ${target.name} is ${end.view.state}. Details: ${command} status ${target.name}` : undefined,
      ];
      runtime.stderr.write(`${lines.filter((line) => line !== undefined).join("\n")}\n`);
      code = EXIT.failed;
      break;
    }
    case "timedOut": {
      const running = end.view?.steps.find((step) => step.status === "running");
      runtime.stderr.write(
        `Timed out after ${formatDuration(end.elapsedMs)} waiting for the ${operation} of ${target.name}${running ? ` (at step ${running.id})` : ""}; it carries on. Follow it: ${watchAgain}\n`,
      );
      code = EXIT.timedOut;
      break;
    }
    case "interrupted":
      runtime.stderr.write(`Stopped following; the ${operation} of ${target.name} carries on. Follow it: ${watchAgain}\n`);
      code = EXIT.interrupted;
      break;
  }
  if (format === "json") runtime.stdout.write(`${JSON.stringify(summary(end, target), null, 2)}\n`);
  return code;
}
