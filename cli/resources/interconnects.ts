import { TEARDOWN_STEPS } from "../../shared/domain/steps";
import { INTERCONNECTS } from "../api/collections";
import { type HealthReport, type InterconnectView, type SummaryView } from "../api/schemas";
import { formatHealth, formatInterconnect, formatSummaryTable } from "../live/view-text";
import { type ResourceCli } from "./resource-cli";

export const INTERCONNECT_CLI: ResourceCli<InterconnectView, SummaryView, HealthReport> = {
  collection: INTERCONNECTS,
  plural: "interconnects",
  listText: formatSummaryTable,
  detailText: formatInterconnect,
  healthText: (report) => formatHealth(report),
  healthNow: "check both clouds now and record it",
  teardownSteps: () => TEARDOWN_STEPS,
  destroyWarning: "Traffic stops and both circuits are deleted; there is no undo.",
};
