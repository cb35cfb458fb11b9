import { z } from "zod";
import { defineActivity } from "../../../orchestrations/flow/contract";

/** Activity contracts for flow engine tests: the script answers them, no activity runs. */
export const Echo = defineActivity("Echo", z.object({ tag: z.string() }), z.object({ tag: z.string() }));
export const ReadState = defineActivity("ReadState", z.object({ what: z.string() }), z.object({ state: z.string() }));

/** Answers Echo with its input; ReadState with the given states in turn (the last one repeats). */
export function scriptOf(states: string[] = ["Succeeded"]) {
  let reads = 0;
  return (name: string, input: unknown): unknown => {
    if (name === Echo.name) return input;
    if (name === ReadState.name) return { state: states[Math.min(reads++, states.length - 1)] };
    throw new Error(`unexpected activity ${name}`);
  };
}

/** The tags of the Echo calls and the timers in a log, e.g. ["a-1", "timer +10s", "b-1"]. */
export function tagsOf(log: Array<{ kind: string; input?: unknown; fireAtMs?: number; tasks?: unknown[] }>, startMs: number): string[] {
  return log.map((entry) => {
    if (entry.kind === "activity") return (entry.input as { tag?: string; what?: string }).tag ?? `read ${(entry.input as { what: string }).what}`;
    if (entry.kind === "timer") return `timer +${((entry.fireAtMs ?? 0) - startMs) / 1000}s`;
    return `all x${entry.tasks?.length ?? 0}`;
  });
}
