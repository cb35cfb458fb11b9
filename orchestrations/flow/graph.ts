import type * as df from "durable-functions";
import { type OrchestrationContext } from "durable-functions";
import { drive, type Running } from "./scheduler";
import { type Flow } from "./steps";

/** One node of a step graph: the same shape as the workflow step declarations in shared/domain/steps.ts. */
export interface GraphStep<Id extends string> {
  readonly id: Id;
  readonly dependsOn: readonly Id[];
}

/** Reads the output of a step that the asking step depends on, directly or through other steps. */
export type Outputs<Id extends string, Out extends Record<Id, unknown>> = <K extends Id>(id: K) => Out[K];

/** The flow of every step, created when the step may start (its dependencies' outputs are known then). */
export type StepFlows<Id extends string, Out extends Record<Id, unknown>> = { [K in Id]: (done: Outputs<Id, Out>) => Flow<Out[K]> };

/**
 * Runs a graph of step flows in one orchestration: a step starts as soon as every step it depends on has
 * ended, so independent branches overlap (on the scheduler: calls one after another, waits on one timer).
 * The first failure stops every other step and is rethrown; on success every step's output is returned.
 * Steps that become ready together start in declaration order, right after the step whose end released them.
 */
export function* runGraph<Id extends string, Out extends Record<Id, unknown>>(
  context: OrchestrationContext,
  steps: ReadonlyArray<GraphStep<Id>>,
  flows: StepFlows<Id, Out>,
): Generator<df.Task, Out, unknown> {
  const ancestors = ancestorsOf(steps, Object.keys(flows));
  const outputs = new Map<Id, unknown>();
  const started = new Set<Id>();
  const reader =
    (asker: Id): Outputs<Id, Out> =>
    <K extends Id>(id: K) => {
      if (!ancestors.get(asker)?.has(id) || !outputs.has(id)) throw new Error(`step ${asker} reads the output of ${id}, which it does not depend on`);
      return outputs.get(id) as Out[K];
    };
  const startReady = () =>
    steps
      .filter((step) => !started.has(step.id) && step.dependsOn.every((dependency) => outputs.has(dependency)))
      .map((step) => {
        started.add(step.id);
        return { key: step.id as string, flow: flows[step.id](reader(step.id)) as Flow<unknown> };
      });

  const running: Running[] = startReady().map(({ key, flow }) => ({ key, flow, pending: null, settled: null }));
  yield* drive(context, running, (key, value) => {
    outputs.set(key as Id, value);
    return startReady();
  });

  const failed = running.find((entry) => entry.settled && !entry.settled.ok)?.settled;
  if (failed && !failed.ok) throw failed.error;
  const missing = steps.filter((step) => !outputs.has(step.id)).map((step) => step.id);
  if (missing.length > 0) throw new Error(`steps ${missing.join(", ")} never became ready`);
  return Object.fromEntries(outputs) as Out;
}

/**
 * Every step's dependencies, direct and indirect; refuses a graph that cannot run (a duplicate or unknown
 * step, a cycle, a step without a flow or a flow without a step), before anything starts.
 */
function ancestorsOf<Id extends string>(steps: ReadonlyArray<GraphStep<Id>>, flowIds: string[]): Map<Id, Set<Id>> {
  const byId = new Map<Id, GraphStep<Id>>();
  for (const step of steps) {
    if (byId.has(step.id)) throw new Error(`step ${step.id} is declared twice`);
    byId.set(step.id, step);
  }
  const withoutFlow = steps.filter((step) => !flowIds.includes(step.id)).map((step) => step.id);
  const withoutStep = flowIds.filter((id) => !byId.has(id as Id));
  if (withoutFlow.length > 0 || withoutStep.length > 0) throw new Error(`steps and flows differ: no flow for [${withoutFlow.join(", ")}], no step for [${withoutStep.join(", ")}]`);

  const result = new Map<Id, Set<Id>>();
  const visiting: Id[] = [];
  const visit = (id: Id): Set<Id> => {
    const known = result.get(id);
    if (known) return known;
    if (visiting.includes(id)) throw new Error(`steps depend on each other in a cycle: ${[...visiting.slice(visiting.indexOf(id)), id].join(" -> ")}`);
    const step = byId.get(id);
    if (!step) throw new Error(`step ${visiting.at(-1) ?? "?"} depends on unknown step ${id}`);
    visiting.push(id);
    const all = new Set<Id>();
    for (const dependency of step.dependsOn) {
      all.add(dependency);
      for (const indirect of visit(dependency)) all.add(indirect);
    }
    visiting.pop();
    result.set(id, all);
    return all;
  };
  for (const step of steps) visit(step.id);
  return result;
}

/** Flows for a graph whose steps all produce the same kind of output, made by one function of the step id. */
export function uniformFlows<Id extends string, T>(steps: ReadonlyArray<GraphStep<Id>>, flowOf: (id: Id) => Flow<T>): StepFlows<Id, Record<Id, T>> {
  const flows: Partial<StepFlows<Id, Record<Id, T>>> = {};
  for (const step of steps) flows[step.id] = () => flowOf(step.id);
  return flows as StepFlows<Id, Record<Id, T>>;
}
