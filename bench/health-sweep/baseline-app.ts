// The health check as it was before the two tiers, for the benchmark's baseline: every interconnect checked on its
// own with one request per read (17 reads), batches of 25, four batches at a time, and a check whose routes tables
// are still running done again in full after 5 s. Loaded next to the app by the benchmark only.
import * as df from "durable-functions";
import { type OrchestrationContext } from "durable-functions";
import { clouds, eventSink, inventory, webhook } from "../../functions/runtime";
import { type RouteTableReads } from "../../shared/domain/circuit-tables";
import { checkAndRecord } from "../../shared/operations/health";

const BASELINE_ORCHESTRATOR = "HealthBaselineOrchestrator";

interface OneByOne {
  names: string[];
  tableReads: Record<string, RouteTableReads>;
}

df.app.activity("CheckOneByOneActivity", {
  handler: async (input: unknown) => {
    const { names, tableReads } = input as OneByOne;
    const deps = { clouds: await clouds(), inventory: inventory(), events: eventSink(), webhook: webhook() };
    const pending: Record<string, RouteTableReads> = {};
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < names.length; index = next++) {
        const name = names[index] ?? "";
        const result = await checkAndRecord(deps, name, "baseline", new Date(), { tableReads: tableReads[name] });
        if (result.pending) pending[name] = result.pending.tableReads;
      }
    };
    await Promise.all(Array.from({ length: 5 }, worker));
    return pending;
  },
});

df.app.orchestration(BASELINE_ORCHESTRATOR, function* (context: OrchestrationContext) {
  const names = context.df.getInput() as string[];
  const batches: string[][] = [];
  for (let index = 0; index < names.length; index += 25) batches.push(names.slice(index, index + 25));
  for (let start = 0; start < batches.length; start += 4) {
    const window = batches.slice(start, start + 4).map((batch) => context.df.callActivity("CheckOneByOneActivity", { names: batch, tableReads: {} }));
    let pending = Object.assign({}, ...((yield context.df.Task.all(window)) as Array<Record<string, RouteTableReads>>)) as Record<string, RouteTableReads>;
    for (let attempt = 0; Object.keys(pending).length > 0 && attempt < 24; attempt++) {
      yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 5_000));
      pending = (yield context.df.callActivity("CheckOneByOneActivity", { names: Object.keys(pending), tableReads: pending })) as Record<string, RouteTableReads>;
    }
  }
  return names.length;
});
