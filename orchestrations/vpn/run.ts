import { type OrchestrationContext, type Task } from "durable-functions";
import { type AzureOciVpnRequest, azureSidesOf, type VpnLinkRequest, type VpnLinkResources } from "../../shared/domain/vpn-link";
import {
  VpnLifecycleInput,
  type VpnHealthReport,
  type VpnLifecycleOutcome,
  type VpnLinkState,
  type VpnOperation,
  type VpnOperationChange,
} from "../../shared/domain/vpn-link-record";
import { RecordVpnOperationActivity, type VpnTarget, vpnTargetOf } from "../contracts/vpn";
import { StepFailure } from "../flow/failure";
import { call, type Flow } from "../flow/steps";
import { expectOk, minutes } from "../lifecycle/kit";
import { type LifecycleStates, type PhaseChange, runLifecycle, StepRun, type SubjectRunbook } from "../lifecycle/operation";
import { emitPhaseEvent } from "../lifecycle/record";
import { type SettleOptions } from "../lifecycle/settle";

/** What a VPN operation records besides its phase. */
export interface VpnRecorded {
  spec?: VpnLinkRequest;
  resources?: VpnLinkResources;
  warnings?: string[];
  health?: VpnHealthReport;
}

const STATES: Record<VpnOperation, LifecycleStates<VpnLinkState>> = {
  setup: { running: "Provisioning", succeeded: "Active", failed: "Failed", compensated: "RolledBack" },
  teardown: { running: "TearingDown", succeeded: "Deleted", failed: "Failed" },
  "rotate-key": { running: "Updating", succeeded: "Active", failed: "Degraded" },
  // A new download URL changes nothing on the link: its state stays whatever it was.
  "client-package": {},
};

/** One run of an operation on a VPN link: the parsed input, its step progress, and what the link has. */
export class VpnOperationRun extends StepRun {
  declare readonly operation: VpnOperation;
  readonly input: VpnLifecycleInput;
  readonly request: VpnLinkRequest;
  readonly resources: VpnLinkResources;
  readonly warnings: string[] = [];
  readonly deadlineMs: number;

  constructor(context: OrchestrationContext, operation: VpnOperation, stepsOf: (request: VpnLinkRequest) => ReadonlyArray<{ id: string; title: string }>) {
    // History is a trust boundary too: the input is parsed again although the starter validated it.
    const input = VpnLifecycleInput.parse(context.df.getInput());
    super(context, operation, input.request.name, stepsOf(input.request));
    this.input = input;
    this.request = input.request;
    this.resources = { ...input.resources };
    this.deadlineMs = this.nowMs() + minutes(input.request.options.provisioningTimeoutMinutes);
  }

  /** The request of an azure-oci link (the flows of one type never run for the other). */
  get siteRequest(): AzureOciVpnRequest {
    if (this.request.type !== "azure-oci") throw new StepFailure(this.progress.snapshot().step ?? this.operation, { cloud: "interlink", code: "WrongLinkType", message: `${this.name} is a ${this.request.type} link` });
    return this.request;
  }

  /** What the activities of an azure-oci link get. */
  get target(): VpnTarget {
    return vpnTargetOf(this.siteRequest, this.instanceId);
  }

  /** How a step waits on a busy resource or an ARM operation (durable timers until the deadline), in a subscription. */
  settled(step: string, what: string, subscriptionId = azureSidesOf(this.request)[0]?.subscriptionId ?? ""): SettleOptions {
    return { step, what, subscriptionId, deadlineMs: this.deadlineMs, nowMs: this.nowMs, onWait: (reason) => this.progress.detail(step, `waiting: ${reason}`) };
  }

  checkpoint(): Flow<void> {
    return this.write({ phase: "progress", resources: this.resources, steps: this.steps() });
  }

  record(change: PhaseChange<VpnLinkState> & Partial<VpnRecorded>): Flow<void> {
    return this.write(change);
  }

  private *write(change: Omit<VpnOperationChange, "name" | "instanceId" | "operation" | "requestHash" | "ticketId" | "at">): Flow<void> {
    const at = this.context.df.currentUtcDateTime;
    expectOk(
      "inventory",
      yield* call(RecordVpnOperationActivity, {
        name: this.name,
        instanceId: this.instanceId,
        operation: this.operation,
        requestHash: this.input.requestHash,
        ...(this.input.ticketId ? { ticketId: this.input.ticketId } : {}),
        at: at.toISOString(),
        ...change,
      }),
    );
    yield* emitPhaseEvent({ name: this.name, ticketId: this.input.ticketId, action: `vpn-link.${this.operation}`, instanceId: this.instanceId, at }, change);
  }
}

/** The lifecycle skeleton (record, run, compensate, record) for a VPN link's operation. */
export function* vpnLifecycle(op: VpnOperationRun, runbook: SubjectRunbook<VpnRecorded>): Generator<Task, VpnLifecycleOutcome, unknown> {
  const recorded = yield* runLifecycle<VpnLinkState, VpnRecorded>(op, STATES[op.operation], runbook);
  return {
    status: "succeeded",
    operation: op.operation,
    name: op.name,
    resources: recorded.resources ?? op.resources,
    ...(recorded.health ? { health: recorded.health } : {}),
    warnings: recorded.warnings ?? op.warnings,
  };
}
