import { z } from "zod";
import { armEtag } from "../../core/ids";
import { defineAction, startAction } from "../actions";
import { objectBody, parseArm } from "../body";
import { badRequest } from "../errors";
import { param, visibleTracked } from "../generic";
import { keyOf } from "../ids";
import type { ArmCall, ArmHandler } from "../kinds";
import { lroHeaders, startOperation } from "../lro";
import type { ConnectionRecord } from "../model";
import { armRecordOf } from "../store";
import { connections, generateSharedKey } from "./connections";
import { checkSharedKey } from "./vpn-connection-settings";

/** IPsec and Vnet2Vnet connections have a shared key; ExpressRoute connections do not. */
function keyedConnection(call: ArmCall): ConnectionRecord {
  const connection = visibleTracked(call, connections, param(call, "name"));
  if (connection.connectionType === "ExpressRoute") throw badRequest("SharedKeyNotSupported", `Connection ${connection.id} is of type ${connection.connectionType} and has no shared key.`);
  return connection;
}

/** GET `connections/{c}/sharedkey`. */
export const getSharedKey: ArmHandler = (call) => ({ status: 200, json: { value: keyedConnection(call).sharedKey ?? "" } });

/** PUT `connections/{c}/sharedkey` (LRO, azure-async-operation; the final GET reads the key back). */
export const setSharedKey: ArmHandler = (call) => {
  const connection = keyedConnection(call);
  const { value } = parseArm(z.object({ value: z.string() }), objectBody(call), "");
  checkSharedKey(value, "Property 'value'");
  connection.sharedKey = value;
  connection.etag = armEtag();
  call.world.dirty = true;
  const operation = startOperation(call.world, "put", keyOf(connection.id), connection.location);
  call.world.scheduleProvisioning(call.world.config.durations.armAction, "arm.action.done", { action: "connection.sharedKeySet", opId: operation.id });
  return { status: 200, headers: lroHeaders(call.lro, operation), json: { value } };
};

defineAction("connection.sharedKeySet", () => undefined);

defineAction("connection.resetSharedKey", (world, data) => {
  const connection = armRecordOf(world, "connections", String(data.connectionKey));
  if (connection) {
    connection.sharedKey = generateSharedKey(Number(data.keyLength) || 32);
    connection.etag = armEtag();
    world.dirty = true;
  }
  return { keyLength: Number(data.keyLength) || 32 };
});

/** POST `connections/{c}/sharedkey/reset` `{keyLength}` (LRO, location). */
export const resetSharedKey: ArmHandler = (call) => {
  const connection = keyedConnection(call);
  const { keyLength } = parseArm(z.object({ keyLength: z.number().int().min(1).max(128) }), objectBody(call), "");
  return startAction(call, "connection.resetSharedKey", keyOf(connection.id), connection.location, { connectionKey: keyOf(connection.id), keyLength });
};
