import type { ScheduledEvent, World } from "../core/world";
import { keyOf } from "./ids";
import { finishOperation } from "./lro";
import { type ArmKind, type FailedCreate, trackedEnvelope } from "./model";

/** Resources whose create was accepted and then failed (see FailedCreate). */

export function failedCreates(world: World): Record<string, FailedCreate> {
  world.state.azure.failedCreates ??= {};
  return world.state.azure.failedCreates;
}

export function failedCreateOf(world: World, kind: ArmKind, id: string): FailedCreate | undefined {
  const found = failedCreates(world)[keyOf(id)];
  return found?.kind === kind ? found : undefined;
}

export function storeFailedCreate(world: World, created: FailedCreate): void {
  failedCreates(world)[keyOf(created.id)] = created;
  world.dirty = true;
}

export function removeFailedCreate(world: World, id: string): boolean {
  const all = failedCreates(world);
  const key = keyOf(id);
  if (!all[key]) return false;
  delete all[key];
  world.dirty = true;
  return true;
}

/** Read-only properties a resource that never provisioned still shows. */
const NEVER_PROVISIONED: Partial<Record<ArmKind, Record<string, unknown>>> = {
  expressRouteCircuits: { serviceProviderProvisioningState: "NotProvisioned", circuitProvisioningState: "Disabled", peerings: [] },
  connections: { connectionStatus: "Unknown" },
};

/** As GET shows it: what the PUT asked for, with the provisioning state it reached. */
export function renderFailedCreate(created: FailedCreate): Record<string, unknown> {
  const asked = typeof created.body.properties === "object" && created.body.properties !== null ? (created.body.properties as Record<string, unknown>) : {};
  const properties = { ...asked, ...NEVER_PROVISIONED[created.kind] };
  return {
    ...trackedEnvelope(created, created.kind),
    ...(created.body.sku !== undefined ? { sku: created.body.sku } : {}),
    properties: { ...properties, provisioningState: created.provisioningState, resourceGuid: created.resourceGuid },
  };
}

function text(event: ScheduledEvent, name: string): string {
  const value = event.data[name];
  return typeof value === "string" ? value : "";
}

export function registerFailedCreateEvents(world: World): void {
  world.on("arm.failedCreate.done", (w, event) => {
    const opId = text(event, "opId");
    const error = { code: text(event, "failCode"), message: text(event, "failMessage") };
    const created = failedCreates(w)[text(event, "key")];
    if (created?.pendingOpId === opId) {
      created.provisioningState = "Failed";
      delete created.pendingOpId;
      w.dirty = true;
    }
    finishOperation(w, opId, { error });
  });
}
