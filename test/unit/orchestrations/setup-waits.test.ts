import { Progress } from "../../../orchestrations/flow/progress";
import { provisioning, type SetupContext } from "../../../orchestrations/setup/flows";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { SETUP_STEPS } from "../../../shared/domain/steps";
import { runFlowScripted, START_MS } from "../../support/scripted-orchestration";
import { designRequest } from "../../support/requests";

/** A setup context at the start of the provisioning step, its progress published nowhere. */
function setupContext(nowMs: () => number): SetupContext {
  const request = SetupRequest.parse(designRequest());
  const publisher = { get currentUtcDateTime() { return new Date(nowMs()); }, setCustomStatus: () => undefined };
  return {
    base: { request, operationId: "erp-db-link.setup.1" },
    progress: new Progress(publisher, "setup", request.name, SETUP_STEPS),
    nowMs,
    deadlineMs: START_MS + 120 * 60_000,
    resources: { virtualCircuitId: "ocid1.virtualcircuit.oc1.iad.vc" },
  };
}

/** Answers the virtual circuit reads with the given states in turn, and the circuit reads with Azure's states in turn. */
function clouds(oci: Array<[string, string]>, azure: Array<[string, string]>) {
  let ociReads = 0;
  let azureReads = 0;
  return (name: string): unknown => {
    if (name === "ReadVirtualCircuitActivity") {
      const [lifecycleState, providerState] = oci[Math.min(ociReads++, oci.length - 1)] ?? ["", ""];
      return { kind: "ok", virtualCircuit: { exists: true, lifecycleState, providerState } };
    }
    if (name === "ReadCircuitActivity") {
      const [serviceProviderProvisioningState, peering] = azure[Math.min(azureReads++, azure.length - 1)] ?? ["", ""];
      return { kind: "ok", circuit: { exists: true, provisioningState: "Succeeded", serviceProviderProvisioningState, privatePeering: { state: peering, primaryPeerAddressPrefix: "172.16.0.0/30", secondaryPeerAddressPrefix: "172.16.0.4/30", peerAsn: 31898, azureAsn: 12076 } } };
    }
    throw new Error(`unexpected activity ${name}`);
  };
}

/** Which activity was called, and how many seconds into the wait. */
const readsOf = (requests: ReturnType<typeof runFlowScripted>["requests"]) =>
  requests.flatMap((request) => (request.kind === "call" ? [`${request.name.replace("Activity", "")} @${(request.atMs - START_MS) / 1000}s`] : []));

describe("setup provisioning wait (scripted flow, virtual time)", () => {
  it("when the provider takes its typical 4 minutes, then only the virtual circuit is polled, first at 4 minutes, and the circuit is read once after", () => {
    const run = runFlowScripted(
      (nowMs) => provisioning(setupContext(nowMs)),
      clouds([["PROVISIONED", "ACTIVE"]], [["Provisioned", "Enabled"]]),
    );
    expect(run.error).toBeUndefined();
    expect(readsOf(run.requests)).toEqual(["ReadVirtualCircuit @240s", "ReadCircuit @240s"]);
    expect(run.result).toEqual({ polls: 2 });
  });

  it("when Azure has not seen the provider's work yet, then the circuit alone is read again at a short interval until it has", () => {
    const run = runFlowScripted(
      (nowMs) => provisioning(setupContext(nowMs)),
      clouds([["PROVISIONED", "ACTIVE"]], [["Provisioning", "Disabled"], ["Provisioned", "Enabled"]]),
    );
    expect(readsOf(run.requests)).toEqual(["ReadVirtualCircuit @240s", "ReadCircuit @240s", "ReadCircuit @246s"]);
  });
});
