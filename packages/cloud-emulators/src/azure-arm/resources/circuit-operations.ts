import { arpTable, routesTable, routesTableSummary } from "../../fabric/bgp";
import { defineAction, startAction } from "../actions";
import { badRequest, childNotFound } from "../errors";
import { param, visibleTracked } from "../generic";
import { keyOf } from "../ids";
import type { ArmHandler } from "../kinds";
import type { ExpressRouteCircuitRecord } from "../model";
import { armRecordOf, findChild } from "../store";
import { expressRouteCircuits } from "./express-route-circuits";

type CircuitView = (world: Parameters<typeof arpTable>[0], circuit: ExpressRouteCircuitRecord, device: string) => { value: unknown[] };

const VIEWS: Record<string, CircuitView> = {
  "circuit.arpTable": arpTable,
  "circuit.routesTable": routesTable,
  "circuit.routesTableSummary": routesTableSummary,
};

for (const [name, view] of Object.entries(VIEWS)) {
  defineAction(name, (world, data) => {
    const circuit = armRecordOf(world, "expressRouteCircuits", String(data.circuitKey));
    return circuit ? view(world, circuit, String(data.device)) : { value: [] };
  });
}

/** POST `.../peerings/{peering}/arpTables|routeTables|routeTablesSummary/{devicePath}`. */
export function circuitTableAction(action: keyof typeof VIEWS): ArmHandler {
  return (call) => {
    const circuit = visibleTracked(call, expressRouteCircuits, param(call, "name"));
    const peeringName = param(call, "child");
    if (!findChild(circuit.peerings, peeringName)) throw childNotFound(`${circuit.id}/peerings/${peeringName}`);
    const device = param(call, "device");
    if (!["primary", "secondary"].includes(device.toLowerCase())) throw badRequest("InvalidDevicePath", `Device path '${device}' is not valid; use 'primary' or 'secondary'.`);
    return startAction(call, action, keyOf(circuit.id), circuit.location, { circuitKey: keyOf(circuit.id), device: device.toLowerCase() });
  };
}

const ZERO_STATS = { primarybytesIn: 0, primarybytesOut: 0, secondarybytesIn: 0, secondarybytesOut: 0 };

export const circuitStats: ArmHandler = (call) => {
  visibleTracked(call, expressRouteCircuits, param(call, "name"));
  return { status: 200, json: ZERO_STATS };
};

export const peeringStats: ArmHandler = (call) => {
  const circuit = visibleTracked(call, expressRouteCircuits, param(call, "name"));
  const peeringName = param(call, "child");
  if (!findChild(circuit.peerings, peeringName)) throw childNotFound(`${circuit.id}/peerings/${peeringName}`);
  return { status: 200, json: ZERO_STATS };
};
