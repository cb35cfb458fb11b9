import { type OrchestrationContext, type Task } from "durable-functions";
import { UPDATE_STEPS } from "../../shared/domain/steps";
import { type SetupRequest } from "../../shared/domain/setup-request";
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
import { peerVcns } from "../peering/flows";
import { peerSpokes } from "../setup/spokes";
import { unpeerSpokes } from "../teardown/spokes";

const ROLLBACK_DEADLINE_MINUTES = 120;

const keyOf = (spoke: SpokeTarget) => `${spoke.subscriptionId}/${spoke.resourceGroup}/${spoke.vnet}`.toLowerCase();
const without = (from: readonly SpokeTarget[], other: readonly SpokeTarget[]) => from.filter((spoke) => !other.some((candidate) => keyOf(candidate) === keyOf(spoke)));

/**
 * A topology change (PATCH of the spokes or traffic rules): peers the added spokes, sets the route and security rules
 * for the new ranges and traffic, unpeers the removed spokes and tests the connection. It never writes to the
 * ExpressRoute circuit, the virtual circuit, the gateway connection or BGP. On failure it puts back what it changed
 * (the removed spokes peered again, the rules of the old spec, the added spokes unpeered) and records the failure.
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
  const drgId = op.resources.drgId ?? current.oci.drgId ?? "";
  const done = { peered: false, rules: false, unpeered: false };
  let observed: ObservedNetworks | undefined;

  return yield* lifecycle(op, {
    *run() {
      observed = yield* op.step("preflight", checkChange(), (networks) => `${azureCidrsOf(networks).length} Azure range(s), ${added.length} spoke(s) to add, ${removed.length} to remove`);
      const networks = observed;
      done.peered = true;
      // Every spoke of the new spec: added ones are peered, kept ones whose address space changed are synced, the rest left alone.
      yield* op.step("peer-spokes", peerSpokes(after, newSpokes, "peer-spokes"));
      done.rules = true;
      yield* op.step("routing", routes(after, azureCidrsOf(networks), networks.vcnCidrs, "routing"));
      yield* op.step("security", rules(after, azureCidrsOf(networks), networks.vcnCidrs, "security"));
      done.unpeered = true;
      yield* op.step("unpeer-spokes", unpeer(after, removed, "unpeer-spokes"));
      const evidence = yield* op.step("verify", verify(after, networks), () => "both BGP sessions UP, every Azure range learned by OCI, every VCN range by Azure");
      return { spec: next, resources: op.resources, evidence, warnings: op.warnings };
    },
    *compensate() {
      return { resources: op.resources, rolledBack: yield* op.flow(undo()), warnings: op.warnings };
    },
  });

  /** The changed request against both networks (the same checks as a setup's preflight); creates nothing. */
  function* checkChange(): Flow<ObservedNetworks> {
    const checked = yield* call(PreflightActivity, { ref: targetOf(after.base).ref, request: next });
    if (checked.kind === "rejected") {
      throw new StepFailure("preflight", { cloud: "interlink", code: "PreflightRejected", message: checked.errors.map((error) => `${error.path}: ${error.message}`).join("; ") });
    }
    const ok = expectOk("preflight", checked);
    op.warnings.push(...ok.warnings, ...auditWarnings(ok.findings));
    return ok.observed;
  }

  function* routes(ctx: SetupContext, vnetCidrs: string[], vcnCidrs: string[], step: string): Flow<string> {
    // VCNs peered through their own gateways route the Azure ranges too: they follow the new set.
    yield* peerVcns({ base: ctx.base, drgId, vnetCidrs, virtualCircuitId: op.resources.virtualCircuitId, waiting: { step, deadlineMs: ctx.deadlineMs, nowMs: ctx.nowMs } }, "active");
    const applied = yield* callAndSettle(ApplyRoutesActivity, { ...targetOf(ctx.base), drgId, vnetCidrs, vcnCidrs, mode: "active" }, settled(ctx, step, "route the networks"));
    return `${applied.ociRules} VCN route rule(s)`;
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
      if (done.rules && observed) {
        const ranges = expectOk("rollback", yield* call(ReadAzureRangesActivity, targetOf(before.base))).cidrs;
        yield* routes(before, ranges, observed.vcnCidrs, "rollback");
        yield* rules(before, ranges, observed.vcnCidrs, "rollback");
        undone.push("restored the route and security rules");
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
