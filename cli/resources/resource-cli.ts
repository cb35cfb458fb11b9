import { type Collection } from "../api/collections";
import { type OperatedView } from "../api/schemas";

type Summary = { name: string; state: string };
type Verdict = { verdict: string };

/**
 * What the shared status, watch, destroy and health commands need to know of one kind of record: its collection,
 * how to print it, and what tearing one down does.
 */
export interface ResourceCli<V extends OperatedView = OperatedView, S extends Summary = Summary, H extends Verdict = Verdict> {
  collection: Collection<V, S, H>;
  /** Several of them, in help and messages: "interconnects", "VPN links". */
  plural: string;
  listText(rows: S[]): string;
  detailText(view: V): string;
  healthText(report: H, name: string): string;
  /** What `health --now` checks, in its help. */
  healthNow: string;
  /** The teardown's steps, in order. */
  teardownSteps(view: V): ReadonlyArray<{ id: string; title: string }>;
  /** What destroying one does, said at the prompt. */
  destroyWarning: string;
}
