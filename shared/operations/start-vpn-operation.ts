import { fingerprint, specHash } from "../domain/fingerprint";
import { GONE_STATES } from "../domain/inventory";
import { type VpnLinkRequest } from "../domain/vpn-link";
import {
  VPN_CLIENT_PACKAGE_ORCHESTRATOR,
  VPN_ROTATE_ORCHESTRATOR,
  VPN_SETUP_ORCHESTRATOR,
  VPN_TEARDOWN_ORCHESTRATOR,
  VpnLifecycleInput,
  type VpnLinkRecord,
  type VpnOperation,
  type VpnOperationRecord,
  vpnInstanceId,
} from "../domain/vpn-link-record";
import { type RecordStore } from "../inventory/store";
import { isTerminal, type OrchestrationClientPort } from "./ports";
import { type StartOutcome } from "./start-operation";

export type VpnCommand = { operation: "setup"; request: VpnLinkRequest } | { operation: "teardown" | "rotate-key" | "client-package"; name: string; ticketId?: string | undefined };

export interface VpnStartDeps {
  vpnLinks: RecordStore<VpnLinkRecord>;
  orchestrations: OrchestrationClientPort;
}

const ORCHESTRATORS: Record<VpnOperation, string> = { setup: VPN_SETUP_ORCHESTRATOR, teardown: VPN_TEARDOWN_ORCHESTRATOR, "rotate-key": VPN_ROTATE_ORCHESTRATOR, "client-package": VPN_CLIENT_PACKAGE_ORCHESTRATOR };
/** Operations that run anew each time they are asked for (a replay of the same ticket is not "already done"). */
const REPEATABLE: readonly VpnOperation[] = ["rotate-key", "client-package"];

const isGone = (record: VpnLinkRecord) => (GONE_STATES as readonly string[]).includes(record.state);

/**
 * The interconnects' start rules for VPN links: a replay of the same request reports its operation (202, `replayed`),
 * a different spec under a live name is a conflict, one operation at a time, and a failed operation is retried by
 * sending it again. Instance ids are `vpn.<name>.<operation>.<sequence>`.
 */
export async function startVpnOperation(deps: VpnStartDeps, command: VpnCommand): Promise<StartOutcome> {
  const name = command.operation === "setup" ? command.request.name : command.name;
  const { operation } = command;
  const ticketId = command.operation === "setup" ? command.request.ticketId : command.ticketId;
  const requestHash = command.operation === "setup" ? specHash(command.request) : fingerprint({ operation, name, ticketId });
  const record = await deps.vpnLinks.get(name);
  const existing = (op: VpnOperationRecord): StartOutcome => ({ kind: "existing", instanceId: op.instanceId, name, operation: op.operation });

  if (command.operation === "setup") {
    if (record && !isGone(record)) {
      const lastSetup = record.operations.filter((op) => op.operation === "setup").at(-1);
      if (record.specHash !== requestHash || !lastSetup) return { kind: "conflict", name, message: `VPN link ${name} already exists with a different specification; tear it down first` };
      const retry = lastSetup.status === "Failed" && record.operations.at(-1) === lastSetup;
      if (!retry) return existing(lastSetup);
    }
  } else if (!record || record.state === "Deleted") {
    return { kind: "not-found", name, message: `no VPN link named ${name}` };
  }

  if (record) {
    const running = record.operations.find((op) => op.status === "Running");
    const live = running ? await deps.orchestrations.getStatus(running.instanceId) : null;
    if (running && live && !isTerminal(live)) {
      if (running.operation === operation && running.requestHash === requestHash) return existing(running);
      return { kind: "conflict", name, instanceId: running.instanceId, message: `${running.operation} (${running.instanceId}) is still running on ${name}; one operation at a time` };
    }
    const latest = record.operations.at(-1);
    const replayed = latest && latest.status !== "Failed" && latest.operation === operation && latest.requestHash === requestHash && (operation !== "setup" || (ticketId !== undefined && latest.ticketId === ticketId));
    if (latest && replayed && !REPEATABLE.includes(operation)) return existing(latest);
    if (operation === "rotate-key" && record.spec.type === "vnet-to-vnet") {
      return { kind: "conflict", name, message: `${name} is a VNet-to-VNet link: it has one tunnel, which would be down while its key changes, so rotate-key is offered for azure-oci links only` };
    }
    if (operation === "rotate-key" && !["Active", "Degraded"].includes(record.state)) return { kind: "conflict", name, message: `only an Active or Degraded VPN link can rotate its keys; ${name} is ${record.state}` };
    if (operation === "client-package" && record.spec.type !== "point-to-site") return { kind: "conflict", name, message: `${name} is not a point-to-site link (its type is ${record.spec.type}): only point-to-site links have a VPN client package` };
    if (operation === "client-package" && !["Active", "Degraded"].includes(record.state)) return { kind: "conflict", name, message: `only an Active or Degraded point-to-site link can generate a client package; ${name} is ${record.state}` };
  }

  const instanceId = vpnInstanceId(name, operation, (record?.sequence ?? 0) + 1);
  const input = VpnLifecycleInput.parse({
    request: command.operation === "setup" ? command.request : record?.spec,
    requestHash,
    ...(ticketId ? { ticketId } : {}),
    resources: record && operation !== "setup" ? record.resources : {},
  });
  const same = (raw: unknown) => VpnLifecycleInput.safeParse(raw).data?.requestHash === requestHash;
  const before = await deps.orchestrations.getStatus(instanceId);
  if (before) return same(before.input) ? { kind: "existing", instanceId, name, operation } : { kind: "conflict", name, instanceId, message: `another request for ${name} started ${instanceId} first` };
  try {
    await deps.orchestrations.start(ORCHESTRATORS[operation], instanceId, input);
  } catch (error) {
    const after = await deps.orchestrations.getStatus(instanceId);
    if (!after) throw error;
    return same(after.input) ? { kind: "existing", instanceId, name, operation } : { kind: "conflict", name, instanceId, message: `another request for ${name} started ${instanceId} first` };
  }
  return { kind: "started", instanceId, name, operation };
}
