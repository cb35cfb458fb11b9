import { type StepProgress } from "../../shared/domain/progress";
import { type FailureView } from "../api/schemas";

/** 0s, 45s, 2m05s, 1h03m. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** How long a finished step took, by the server's own timestamps. */
export function stepDuration(step: StepProgress): number | undefined {
  if (!step.startedAt || !step.endedAt) return undefined;
  const ms = Date.parse(step.endedAt) - Date.parse(step.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

const SYMBOLS: Record<string, string> = { succeeded: "✓", failed: "✗", running: "▸", pending: "·", skipped: "-", compensated: "↺" };

export function stepSymbol(status: string): string {
  return SYMBOLS[status] ?? "?";
}

/** `oci VirtualCircuitFailed (409): the message` */
export function formatFailure(error: FailureView): string {
  return `${error.cloud} ${error.code}${error.status ? ` (${error.status})` : ""}: ${error.message}`;
}

/** Columns padded to their widest cell; the last column is left as is. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** `label  value` rows, labels indented and padded to the widest. */
export function labelled(rows: string[][], indent = "  "): string[] {
  return table(rows.map(([label = "", value = ""]) => [`${indent}${label}`, value]));
}
