import { CheckHealthBatchActivity, ListHealthTargetsActivity } from "../../orchestrations/contracts/health";
import { checkBatch, CHECKED_STATES } from "../../shared/operations/health";
import { clouds, eventSink, inventory, webhook } from "../runtime";
import { registerActivity } from "./register";
import { classifyStorageError } from "./storage-errors";

registerActivity(
  ListHealthTargetsActivity,
  async () => ({
    kind: "ok" as const,
    names: (await inventory().list()).filter((record) => (CHECKED_STATES as readonly string[]).includes(record.state)).map((record) => record.name),
  }),
  classifyStorageError,
);

/** Per-name failures come back in the results; only a failure to reach the inventory at all is thrown. */
registerActivity(
  CheckHealthBatchActivity,
  async (input) => {
    const results = await checkBatch({ clouds: await clouds(), inventory: inventory(), events: eventSink(), webhook: webhook() }, input.names, input.sweepId, input.tableReads);
    return { kind: "ok" as const, results: results.map(({ report: _report, ...result }) => result) };
  },
  classifyStorageError,
);
