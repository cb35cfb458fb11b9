import { type OrchestrationContext, type Task } from "durable-functions";
import { UPDATE_STEPS } from "../../shared/domain/steps";
import { type SetupRequest } from "../../shared/domain/setup-request";
import { pick, topologyDiff } from "../../shared/domain/topology-change";
import { azureCidrsOf, type ObservedNetworks, type SpokeTarget, targetOf } from "../contracts/common";
import { PreflightActivity } from "../contracts/preflight";
import { ApplyRoutesActivity, ApplySecurityRulesActivity } from "../contracts/provisioning";
import { ReadAzureRangesActivity } from "../contracts/spokes";
import { failureFromThrown, StepFailure } from "../flow/failure";
import { call, type Flow } from "../flow/steps";
import { type LifecycleOutcome } from "../lifecycle/input";
import { expectOk, minutes } from "../lifecycle/kit";
import { lifecycle, OperationRun } from "../lifecycle/operation";
import { callAndSettle } from "../lifecycle/settle";
import { auditWarnings, type SetupContext, verify } from "../setup/flows";
import { permissionPreflight } from "../setup/permissions";
import { peerVcns } from "../peering/flows";
import { peerSpokes } from "../setup/spokes";
import { unpeerSpokes } from "../teardown/spokes";

const ROLLBACK_DEADLINE_MINUTES = 120;

const keyOf = (spoke: SpokeTarget) => `${spoke.subscriptionId}/${spoke.resourceGroup}/${spoke.vnet}`.toLowerCase();
const without = (from: readonly SpokeTarget[], other: readonly SpokeTarget[]) => from.filter((spoke) => !other.some((candidate) => keyOf(candidate) === keyOf(spoke)));
/** What routing withdraws when `request` is no longer the spec: its route tables and app subnets, and the CIDRs of its peered VCNs that go. */
const previousOf = (request: SetupRequest, goneVcns: SetupRequest["oci"]["peeredVcns"]) => ({
  ...(request.oci.routeTableId ? { routeTableId: request.oci.routeTableId } : {}),
  ...(request.oci.routeTableIds ? { routeTableIds: request.oci.routeTableIds } : {}),
  ...(request.azure.appSubnets ? { appSubnets: request.azure.appSubnets } : {}),
  peeredVcnCidrs: goneVcns.flatMap((peer) => peer.cidrs),
});

/**
 * A topology change (PATCH of the spokes, app subnets, peered VCNs, VCN route tables or traffic rules): peers the added
 * spokes and VCNs, sets the route and security rules for the new spec (withdrawing Interlink's routes from route tables
 * and app subnets it no longer names), removes what it built for the removed VCNs and spokes, and tests the connection.
 * It never writes to the ExpressRoute circuit, the virtual circuit, the gateway connection or BGP. On failure it puts
 * back what it changed (removed VCNs and spokes peered again, the rules of the old spec, added ones removed) and
 * records the failure.
 */
export function* updateOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const op = new OperationRun(context, "update", UPDATE_STEPS);
  const current = op.request;
  const next = op.input.target ?? current;
  const contextOf = (request: SetupRequest, deadlineMs: number): SetupContext => ({ base: { request, operationId: op.instanceId }, progress: op.progress, nowMs: op.nowMs, deadlineMs, resources: op.resources });
  const after = contextOf(next, op.nowMs() + minutes(next.options.provisioningTimeoutMinutes));
  const [oldSpokes, newSpokes] = [targetOf({ request: current, operationId: op.instanceId }).azure.spokes, targetOf(after.base).azure.spokes];
  const added = without(newSpokes, oldSpokes);
  const removed = without(oldSpokes, newSpokes);
  const change = topologyDiff(current, next, "the VCN's default route table");
  const [addedVcns, removedVcns] = [pick(next.oci.peeredVcns, change.peeredVcns.added), pick(current.oci.peeredVcns, change.peeredVcns.removed)];
  const drgId = op.resources.drgId ?? current.oci.drgId ?? "";
  const done = { peered: false, vcnsPeered: false, rules: false, vcnsUnpeered: false, unpeered: false };
  let observed: ObservedNetworks | undefined;

  return yield* lifecycle(op, {
    *run() {
      observed = yield* op.step("preflight", checkChange(), (networks) => `${azureCidrsOf(networks).length} Azure range(s); ${describeChange()}`);
      const networks = observed;
      done.peered = true;
      // Every spoke of the new spec: added ones are peered, kept ones whose address space changed are synced, the rest left alone.
      yield* op.step("peer-spokes", peerSpokes(after, newSpokes, "peer-spokes"));
      done.vcnsPeered = true;
      // Every peered VCN with a kind: added ones are built, kept ones follow the new Azure ranges.
      yield* op.step("peer-vcns", peer(after, azureCidrsOf(networks), "peer-vcns"));
      done.rules = true;
      yield* op.step("routing", routes(after, azureCidrsOf(networks), networks.vcnCidrs, previousOf(current, removedVcns), "routing"));
      yield* op.step("security", rules(after, azureCidrsOf(networks), networks.vcnCidrs, "security"));
      done.vcnsUnpeered = true;
      yield* op.step("unpeer-vcns", unpeerVcns(contextOf(current, after.deadlineMs), change.peeredVcns.removed, "unpeer-vcns"));
      done.unpeered = true;
      yield* op.step("unpeer-spokes", unpeer(after, removed, "unpeer-spokes"));
      const evidence = yield* op.step("verify", verify(after, networks), () => "both BGP sessions UP, every Azure range learned by OCI, every VCN range by Azure");
      return { spec: next, resources: op.resources, evidence, warnings: op.warnings };
    },
    *compensate() {
      return { resources: op.resources, rolledBack: yield* op.flow(undo()), warnings: op.warnings };
    },
  });

  function describeChange(): string {
    const count = (what: string, list: { added: unknown[]; removed: unknown[] }) => `${what} +${list.added.length}/-${list.removed.length}`;
    return [count("spokes", { added, removed }), count("peered VCNs", change.peeredVcns), count("VCN route tables", change.routeTables), count("app subnets", change.appSubnets)].join(", ");
  }

  /** The changed request against both networks (the same checks as a setup's preflight); creates nothing. */
  function* checkChange(): Flow<ObservedNetworks> {
    // An added peering may need statements a setup without it did not (another tenancy, a remote region).
    if (addedVcns.some((peer) => peer.kind !== undefined)) op.warnings.push(...(yield* permissionPreflight(after)).warnings);
    const checked = yield* call(PreflightActivity, { ref: targetOf(after.base).ref, request: next });
    if (checked.kind === "rejected") {
      throw new StepFailure("preflight", { cloud: "interlink", code: "PreflightRejected", message: checked.errors.map((error) => `${error.path}: ${error.message}`).join("; ") });
    }
    const ok = expectOk("preflight", checked);
    op.warnings.push(...ok.warnings, ...auditWarnings(ok.findings));
    return ok.observed;
  }

  function* peer(ctx: SetupContext, vnetCidrs: string[], step: string): Flow<string> {
    const peered = yield* peerVcns({ base: ctx.base, drgId, vnetCidrs, virtualCircuitId: op.resources.virtualCircuitId, waiting: { step, deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs } }, "active");
    return peered.join("; ") || "no peered VCNs to peer";
  }

  function* unpeerVcns(ctx: SetupContext, indices: number[], step: string): Flow<string> {
    if (!indices.some((index) => ctx.base.request.oci.peeredVcns[index]?.kind !== undefined)) return "no peerings removed";
    const waiting = { step, deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs };
    const unpeered = yield* peerVcns({ base: ctx.base, drgId, vnetCidrs: [], virtualCircuitId: op.resources.virtualCircuitId, waiting, only: indices }, "remove");
    return unpeered.join("; ");
  }

  /** The route rules of `ctx`'s spec; what only the previous spec routed (tables, app subnets, peered CIDRs) is withdrawn. */
  function* routes(ctx: SetupContext, vnetCidrs: string[], vcnCidrs: string[], previous: ReturnType<typeof previousOf>, step: string): Flow<string> {
    const applied = yield* callAndSettle(ApplyRoutesActivity, { ...targetOf(ctx.base), drgId, vnetCidrs, vcnCidrs, mode: "active", previous }, settled(ctx, step, "route the networks"));
    const statics = applied.drgStaticRoutes > 0 ? `, ${applied.drgStaticRoutes} DRG route(s) for peered VCNs` : "";
    return [`${applied.ociRules} VCN route rule(s)${statics}`, ...(applied.released.length > 0 ? [`withdrawn from ${applied.released.join(", ")}`] : [])].join("; ");
  }

  function* rules(ctx: SetupContext, vnetCidrs: string[], vcnCidrs: string[], step: string): Flow<string> {
    const applied = yield* callAndSettle(ApplySecurityRulesActivity, { ...targetOf(ctx.base), traffic: ctx.base.request.traffic, vnetCidrs, vcnCidrs }, settled(ctx, step, "apply the security rules"));
    return `${applied.azureRules} Azure rule(s), ${applied.ociRules} OCI rule(s)`;
  }

  function* unpeer(ctx: SetupContext, spokes: readonly SpokeTarget[], step: string): Flow<string> {
    if (spokes.length === 0) return "no spokes removed";
    const sides = yield* unpeerSpokes(ctx.base, spokes, { step, deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs, detail: (text) => op.progress.detail(step, text) });
    return `${sides} peering side(s) of ${spokes.length} spoke(s) removed`;
  }

  function settled(ctx: SetupContext, step: string, what: string) {
    return { step, what, subscriptionId: current.azure.subscriptionId, deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs, onWait: (reason: string) => op.progress.detail(step, `waiting: ${reason}`) };
  }

  /** Puts the interconnect back as it was before the change; says whether that worked. */
  function* undo(): Flow<boolean> {
    op.progress.addStep("rollback", "Undo the change");
    op.progress.start("rollback");
    const before = contextOf(current, op.nowMs() + minutes(ROLLBACK_DEADLINE_MINUTES));
    const undone: string[] = [];
    try {
      if (done.unpeered && removed.length > 0) {
        yield* peerSpokes(before, removed, "rollback");
        undone.push(`re-peered ${removed.length} spoke(s)`);
      }
      if ((done.vcnsPeered || done.rules) && observed) {
        const ranges = expectOk("rollback", yield* call(ReadAzureRangesActivity, targetOf(before.base))).cidrs;
        // The old spec's peerings (removed ones built again, kept ones back on the old ranges), then its rules.
        yield* peer(before, ranges, "rollback");
        if (done.rules) {
          yield* routes(before, ranges, observed.vcnCidrs, previousOf(next, addedVcns), "rollback");
          yield* rules(before, ranges, observed.vcnCidrs, "rollback");
          undone.push("restored the route and security rules");
        }
        if (done.vcnsUnpeered && removedVcns.length > 0) undone.push(`re-peered ${removedVcns.length} VCN(s)`);
        if (addedVcns.length > 0) {
          yield* unpeerVcns(contextOf(next, before.deadlineMs), change.peeredVcns.added, "rollback");
          undone.push(`removed ${addedVcns.length} added peered VCN(s)`);
        }
      }
      if (done.peered && added.length > 0) {
        yield* unpeer(before, added, "rollback");
        undone.push(`unpeered ${added.length} added spoke(s)`);
      }
    } catch (error) {
      const failure = failureFromThrown("rollback", error);
      op.progress.fail("rollback", { cloud: "interlink", code: "RollbackIncomplete", message: `${failure.step}: ${failure.failure.code}: ${failure.failure.message}` });
      return false;
    }
    op.progress.succeed("rollback", undone.join("; ") || "nothing to undo");
    return true;
  }
}
