// docs/durations.md shows the poll schedule of every typical duration; the catalogue follows the emulators' model.
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DURATIONS } from "@interlink/cloud-emulators";
import { pollScheduleFor, spokenDuration, TYPICAL_DURATIONS, type TypicalDurationName } from "../../../shared/domain/typical-durations";

const text = readFileSync(path.resolve(__dirname, "../../../docs/durations.md"), "utf8");
const waits = text.slice(text.indexOf("## How Interlink waits"));

const spoken = spokenDuration;

describe("docs/durations.md and the typical durations", () => {
  it("when the docs list how Interlink waits, then every typical duration has a row with its duration and poll schedule", () => {
    for (const name of Object.keys(TYPICAL_DURATIONS) as TypicalDurationName[]) {
      const { firstReadMs, intervalMs } = pollScheduleFor(name);
      const row = waits.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect({ name, row: row?.replace(/^\| `[^`]+`[^|]*\| /, "") }).toEqual({ name, row: `${spoken(TYPICAL_DURATIONS[name].ms)} | ${spoken(firstReadMs)} | ${spoken(intervalMs)} |` });
    }
  });

  it("when a typical duration comes from the emulator model, then it equals the model's value", () => {
    const d = DEFAULT_DURATIONS;
    const model: Record<TypicalDurationName, number> = {
      armTableRead: d.armAction,
      armSmallChange: d.armSmallResource,
      drg: d.drg,
      drgAttachment: d.drgAttachment,
      expressRouteCircuit: d.expressRouteCircuit,
      expressRouteGateway: d.expressRouteGateway,
      providerProvisioning: d.virtualCircuitProvisioning,
      azureSeesProvisioning: d.providerPropagation,
      gatewayConnection: d.gatewayConnection,
      connectionDelete: d.gatewayConnectionDelete,
      virtualCircuitDelete: d.virtualCircuitDelete,
      deprovisioning: d.deprovisionPropagation + d.deprovisioning - d.virtualCircuitDelete,
      circuitDelete: d.expressRouteCircuitDelete,
      gatewayDelete: d.gatewayDelete,
      drgDetach: d.drgAttachment,
      vpnGateway: d.vpnGateway,
      vpnGatewayUpdate: d.vpnGatewayUpdate,
    };
    expect(Object.fromEntries(Object.entries(TYPICAL_DURATIONS).map(([name, typical]) => [name, typical.ms]))).toEqual(model);
  });
});
