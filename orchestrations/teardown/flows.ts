import { type InterconnectResources, type OperationBase, type SeenVcn, targetOf } from "../contracts/common";
import { ReadCircuitActivity, ReadConnectionActivity, ReadGatewayActivity, ReadVirtualCircuitActivity } from "../contracts/provisioning";
import {
  DeleteCircuitActivity,
  DeleteConnectionActivity,
  DeleteDrgAttachmentIfOwnedActivity,
  DeleteDrgIfUnusedActivity,
  DeleteGatewayIfUnusedActivity,
  DeleteGatewayPublicIpIfUnusedActivity,
  DeleteGatewaySubnetIfUnusedActivity,
  DeleteVirtualCircuitActivity,
  ReadOperationActivity,
  ReadDrgAttachmentActivity,
  RemoveRoutesActivity,
  RemoveSecurityRulesActivity,
} from "../contracts/teardown";
import { StepFailure } from "../flow/failure";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, type SettleOptions, WRITE_ATTEMPTS } from "../lifecycle/settle";
import { callWhenReady, type WhenReadyOptions } from "../lifecycle/when-ready";
import { type TeardownStepId } from "../../shared/domain/steps";
import { unpeerSpokes } from "./spokes";
import { deleteTransitTable, peerVcns } from "../peering/flows";
import { pollScheduleFor, readAtOnce, type TypicalDurationName } from "../../shared/domain/typical-durations";

export interface TeardownContext {
  base: OperationBase;
  resources: InterconnectResources;
  nowMs: () => number;
  deadlineMs: number;
  /** Reports progress inside a step (teardown steps, or the rollback step of a failed setup). */
  detail: (step: TeardownStepId, text: string) => void;
  /** Set once this run has deleted the virtual circuit: Azure then takes its usual time to deprovision the circuit. */
  virtualCircuitDeleted?: boolean;
  /** The VCN as this run's first step read it, so later steps need not read it again. */
  seenVcn?: SeenVcn;
}

/** What the activities take from the request and the record (each contract keeps the fields its activity needs). */
function input(ctx: TeardownContext) {
  const { drgId, virtualCircuitId, gatewaySubnetCreated } = ctx.resources;
  return {
    ...targetOf(ctx.base),
    ...(drgId ? { recordedDrgId: drgId } : {}),
    ...(virtualCircuitId ? { virtualCircuitId } : {}),
    ...(gatewaySubnetCreated !== undefined ? { gatewaySubnetCreated } : {}),
  };
}

const seenVcnOf = (ctx: TeardownContext) => (ctx.seenVcn ? { seenVcn: ctx.seenVcn } : {});

/** A removal a busy resource holds up is waited for within the teardown's deadline, the wait shown on the step. */
const whenReady = (ctx: TeardownContext, step: TeardownStepId, what: string): WhenReadyOptions => ({
  step,
  what,
  deadlineMs: ctx.deadlineMs,
  nowMs: ctx.nowMs,
  onWait: (reason) => ctx.detail(step, `waiting: ${reason}`),
});

/**
 * An ARM removal is done when the operations it started are (ARM may refuse a delete only in its operation); they are
 * read first near the removal's typical duration (a small ARM change unless said).
 */
const settled = (ctx: TeardownContext, step: TeardownStepId, what: string, typical?: TypicalDurationName): SettleOptions => ({
  ...whenReady(ctx, step, what),
  subscriptionId: ctx.base.request.azure.subscriptionId,
  ...(typical ? { typical } : {}),
});

/** After its operation has ended, a removed resource is confirmed gone by reading it at once. */
const confirmGone = (typical: TypicalDurationName) => readAtOnce(pollScheduleFor(typical));

/** Stop traffic first, so nothing flows while the circuits are taken apart. */
export function* stopTraffic(ctx: TeardownContext): Flow<string> {
  const routes = yield* callAndSettle(RemoveRoutesActivity, input(ctx), settled(ctx, "stop-traffic", "remove the route rules"));
  if (routes.seenVcn) ctx.seenVcn = routes.seenVcn;
  const rules = yield* callAndSettle(RemoveSecurityRulesActivity, { ...input(ctx), ...seenVcnOf(ctx) }, settled(ctx, "stop-traffic", "remove the security rules"));
  const drgId = ctx.resources.drgId ?? ctx.base.request.oci.drgId;
  const peerings = drgId
    ? yield* peerVcns({ base: ctx.base, drgId, vnetCidrs: [], virtualCircuitId: ctx.resources.virtualCircuitId, waiting: whenReady(ctx, "stop-traffic", "") }, "remove")
    : [];
  return [`${routes.ociRulesRemoved} route rule(s), ${rules.azureRemoved + rules.ociRemoved} security rule(s) removed`, ...peerings].join("; ");
}

/** The spokes' peerings go before the connection, spoke side first. */
export function* removeSpokes(ctx: TeardownContext): Flow<string> {
  const spokes = targetOf(ctx.base).azure.spokes;
  if (spokes.length === 0) return "no spokes";
  const removed = yield* unpeerSpokes(ctx.base, spokes, { step: "spokes", deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs, detail: (text) => ctx.detail("spokes", text) });
  return `${removed} peering side(s) of ${spokes.length} spoke(s) removed`;
}

export function* deleteConnection(ctx: TeardownContext): Flow<string> {
  const deleted = yield* callAndSettle(DeleteConnectionActivity, input(ctx), settled(ctx, "connection", "delete the gateway connection", "connectionDelete"));
  if (!deleted.existed) return "no connection";
  // ARM's operation for the delete succeeded: the connection is gone. Without one, it is read until it is.
  if (deleted.operations.length > 0) return "deleted";
  yield* waitUntil({
    step: "connection",
    what: "deletion of the gateway connection",
    read: function* () {
      return expectOk("connection", yield* call(ReadConnectionActivity, input(ctx)));
    },
    isDone: (state) => !state.exists,
    describe: (state) => state.provisioningState ?? "absent",
    schedule: confirmGone("connectionDelete"),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  return "deleted";
}

/** The FastConnect virtual circuit goes before the ExpressRoute circuit, and only after the connection. */
export function* deleteVirtualCircuit(ctx: TeardownContext): Flow<string> {
  const deleted = expectOk("virtual-circuit", yield* callWhenReady(DeleteVirtualCircuitActivity, input(ctx), whenReady(ctx, "virtual-circuit", "delete the virtual circuit")));
  if (!deleted.existed || !deleted.virtualCircuitId) return "no virtual circuit";
  const virtualCircuitId = deleted.virtualCircuitId;
  yield* waitUntil({
    step: "virtual-circuit",
    what: "termination of the virtual circuit",
    read: function* () {
      return expectOk("virtual-circuit", yield* call(ReadVirtualCircuitActivity, { ...input(ctx), virtualCircuitId })).virtualCircuit;
    },
    isDone: (state) => !state.exists || state.lifecycleState === "TERMINATED",
    describe: (state) => state.lifecycleState ?? "absent",
    onPoll: (state) => ctx.detail("virtual-circuit", `lifecycleState ${state.lifecycleState ?? "absent"}`),
    schedule: pollScheduleFor("virtualCircuitDelete"),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  ctx.virtualCircuitDeleted = true;
  return "terminated";
}

/** Azure needs a few minutes to see the FastConnect side gone; deleting the circuit earlier fails with ConflictError. */
export function* awaitDeprovisioning(ctx: TeardownContext): Flow<string> {
  const { state } = yield* waitUntil({
    step: "deprovisioning",
    what: "Azure deprovisioning of the circuit",
    read: function* () {
      return expectOk("deprovisioning", yield* call(ReadCircuitActivity, input(ctx))).circuit;
    },
    isDone: (state) => !state.exists || state.serviceProviderProvisioningState === "NotProvisioned",
    describe: (state) => state.serviceProviderProvisioningState ?? "absent",
    onPoll: (state) => ctx.detail("deprovisioning", `serviceProviderProvisioningState ${state.serviceProviderProvisioningState ?? "absent"}`),
    // Without a virtual circuit deleted just now (a resumed teardown, a rollback), the circuit may be NotProvisioned already.
    schedule: ctx.virtualCircuitDeleted ? pollScheduleFor("deprovisioning") : readAtOnce(pollScheduleFor("deprovisioning")),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  return state.exists ? "NotProvisioned" : "circuit already gone";
}

/** Conflict codes ARM returns while the provider side is still winding down; waiting more fixes them. */
const STILL_DEPROVISIONING = new Set(["ConflictError", "AnotherOperationInProgress"]);

export function* deleteCircuit(ctx: TeardownContext): Flow<string> {
  for (let attempt = 1; ; attempt++) {
    const started = expectOk("circuit", yield* callWhenReady(DeleteCircuitActivity, input(ctx), whenReady(ctx, "circuit", "delete the ExpressRoute circuit")));
    if (!started.existed) return "no circuit";
    if (started.operation) {
      const operation = started.operation;
      const { state } = yield* waitUntil({
        step: "circuit",
        what: "the circuit delete operation",
        read: function* () {
          return expectOk("circuit", yield* call(ReadOperationActivity, { operation, subscriptionId: ctx.base.request.azure.subscriptionId }));
        },
        isDone: (state) => state.status !== "running",
        describe: (state) => state.status,
        schedule: pollScheduleFor("circuitDelete"),
        deadlineMs: ctx.deadlineMs,
        nowMs: ctx.nowMs,
      });
      if (state.status === "failed") {
        const error = state.error ?? { code: "DeleteFailed", message: "the circuit delete failed" };
        // A transient failure (ARM's own trouble) is sent again as often as any ARM write, after the same wait.
        const transient = state.retryable === true && attempt < WRITE_ATTEMPTS;
        if (!(STILL_DEPROVISIONING.has(error.code) || transient) || ctx.nowMs() >= ctx.deadlineMs) {
          throw new StepFailure("circuit", { cloud: "azure", code: error.code, message: error.message });
        }
        ctx.detail("circuit", `attempt ${attempt}: ${error.code}; waiting for Azure to finish deprovisioning`);
        yield* awaitDeprovisioning(ctx);
        continue;
      }
      // The delete's operation succeeded: the circuit is gone.
      return "deleted";
    }
    yield* waitUntil({
      step: "circuit",
      what: "deletion of the circuit",
      read: function* () {
        return expectOk("circuit", yield* call(ReadCircuitActivity, input(ctx))).circuit;
      },
      isDone: (state) => !state.exists,
      describe: (state) => state.provisioningState ?? "absent",
      schedule: confirmGone("circuitDelete"),
      deadlineMs: ctx.deadlineMs,
      nowMs: ctx.nowMs,
    });
    return "deleted";
  }
}

/** Shared resources go only if this interconnect created them and nothing else uses them. */
export function* deleteSharedResources(ctx: TeardownContext): Flow<string> {
  const notes: string[] = [];
  // A gateway still being built (a setup rolled back mid-way) is waited for by the delete itself (notReady).
  const gateway = yield* callAndSettle(DeleteGatewayIfUnusedActivity, input(ctx), settled(ctx, "shared-resources", "delete the ExpressRoute gateway", "gatewayDelete"));
  // What was started ("deleting ...") shows while it runs; the step's final detail says how it ended.
  notes.push(`gateway: ${gateway.deleted ? "deleted" : gateway.reason}`);
  const { gatewayId } = gateway;
  if (gateway.deleted) ctx.detail("shared-resources", `gateway: ${gateway.reason}`);
  // The delete's operation was read until it ended (one read per poll); a delete ARM answered without one is
  // confirmed by reading the gateway alone.
  if (gateway.deleted && gatewayId && gateway.operations.length === 0) {
    yield* waitUntil({
      step: "shared-resources",
      what: "deletion of the ExpressRoute gateway",
      read: function* () {
        return expectOk("shared-resources", yield* call(ReadGatewayActivity, { ...input(ctx), gatewayId }));
      },
      isDone: (state) => !state.exists,
      describe: (state) => state.provisioningState ?? "absent",
      onPoll: (state) => ctx.detail("shared-resources", `gateway ${state.provisioningState ?? "deleted"}`),
      schedule: confirmGone("gatewayDelete"),
      deadlineMs: ctx.deadlineMs,
      nowMs: ctx.nowMs,
    });
  }
  const ip = yield* callAndSettle(DeleteGatewayPublicIpIfUnusedActivity, input(ctx), settled(ctx, "shared-resources", "delete the gateway's public IP"));
  if (ip.deleted || ip.reason !== "no public IP") notes.push(`gateway public IP: ${ip.deleted ? "deleted" : ip.reason}`);
  const subnet = yield* callAndSettle(DeleteGatewaySubnetIfUnusedActivity, input(ctx), settled(ctx, "shared-resources", "delete the GatewaySubnet"));
  notes.push(`GatewaySubnet: ${subnet.reason}`);
  const attachment = expectOk("shared-resources", yield* callWhenReady(DeleteDrgAttachmentIfOwnedActivity, { ...input(ctx), ...seenVcnOf(ctx) }, whenReady(ctx, "shared-resources", "detach the DRG")));
  notes.push(`DRG attachment: ${attachment.deleted ? "detached" : attachment.reason}`);
  const { detaching } = attachment;
  if (attachment.deleted && detaching) {
    ctx.detail("shared-resources", `DRG attachment: ${attachment.reason}`);
    yield* waitUntil({
      step: "shared-resources",
      what: "detachment of the DRG",
      read: function* () {
        return expectOk("shared-resources", yield* call(ReadDrgAttachmentActivity, { ref: input(ctx).ref, ...detaching }));
      },
      isDone: (state) => !state.attached,
      describe: (state) => (state.attached ? "DETACHING" : "DETACHED"),
      schedule: pollScheduleFor("drgDetach"),
      deadlineMs: ctx.deadlineMs,
      nowMs: ctx.nowMs,
    });
  }
  if (yield* deleteTransitTable(ctx.base, whenReady(ctx, "shared-resources", ""))) notes.push("transit route table: deleted");
  const drg = expectOk("shared-resources", yield* callWhenReady(DeleteDrgIfUnusedActivity, input(ctx), whenReady(ctx, "shared-resources", "delete the DRG")));
  notes.push(`DRG: ${drg.reason}`);
  return notes.join("; ");
}

/** The flow of each teardown step (the order is the `dependsOn` of TEARDOWN_STEPS); setup compensation runs the same steps. */
export const TEARDOWN_FLOWS: Record<TeardownStepId, (ctx: TeardownContext) => Flow<string>> = {
  "stop-traffic": stopTraffic,
  spokes: removeSpokes,
  connection: deleteConnection,
  "virtual-circuit": deleteVirtualCircuit,
  deprovisioning: awaitDeprovisioning,
  circuit: deleteCircuit,
  "shared-resources": deleteSharedResources,
};
