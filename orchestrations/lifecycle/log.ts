import { type OrchestrationContext } from "durable-functions";
import { type StepProgress } from "../../shared/domain/progress";

/** The operation's console lines: its start, each step's end and its outcome. */
export interface OperationLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Logs from the orchestrator, once: Durable replays the orchestrator from the top on every event, so a line is
 * written only when the code runs past the history (`isReplaying` false). The orchestrator is the one place that
 * sees every step end (progress is its state; activities see only their own call).
 */
export function operationLog(context: OrchestrationContext): OperationLog {
  const once = (write: (message: string) => void) => (message: string) => {
    if (!context.df.isReplaying) write(message);
  };
  return { info: once((message) => context.info(message)), warn: once((message) => context.warn(message)), error: once((message) => context.error(message)) };
}

/** "12 s", "4 min 10 s", "1 h 5 min": how long a step took on the orchestration clock. */
function duration(step: StepProgress): string {
  if (!step.startedAt || !step.endedAt) return "";
  const seconds = Math.round((Date.parse(step.endedAt) - Date.parse(step.startedAt)) / 1000);
  if (seconds < 60) return ` in ${seconds} s`;
  if (seconds < 3600) return ` in ${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
  return ` in ${Math.floor(seconds / 3600)} h${Math.floor(seconds / 60) % 60 ? ` ${Math.floor(seconds / 60) % 60} min` : ""}`;
}

/** Logs a step that ended: a failed one as a warning (the operation's outcome line says what it led to). */
export function logStepEnd(log: OperationLog, operation: string, name: string, step: StepProgress): void {
  const line = `${operation} ${name}: step ${step.id} ${step.status}${duration(step)}${step.detail ? ` (${step.detail})` : ""}`;
  if (step.status === "failed") log.warn(line);
  else log.info(line);
}
