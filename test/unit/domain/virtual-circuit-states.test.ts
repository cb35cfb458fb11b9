import { describeVirtualCircuitState, unknownStateWatch, UNKNOWN_STATE_GRACE_MS } from "../../../shared/domain/virtual-circuit-states";

describe("virtual circuit states", () => {
  it("when a state is in the OCI SDK model, then it is described with its meaning; one that is not says so", () => {
    expect(describeVirtualCircuitState("PENDING_PROVIDER")).toMatch(/^PENDING_PROVIDER \(waiting for the provider/);
    expect(describeVirtualCircuitState("INACTIVE")).toContain("deprovisioned");
    expect(describeVirtualCircuitState("PROVIDER_REVIEW")).toBe("'PROVIDER_REVIEW', a state Interlink does not know");
  });

  it("when an unknown state lasts past the grace period, then the watch fails naming it; known states and a change of state restart the clock", () => {
    let now = 0;
    const watch = unknownStateWatch(() => now);
    expect(watch("PROVIDER_REVIEW")).toBeNull();
    now = UNKNOWN_STATE_GRACE_MS - 1;
    expect(watch("PROVIDER_REVIEW")).toBeNull();
    now += 1;
    expect(watch("PROVIDER_REVIEW")).toMatchObject({ cloud: "oci", code: "VirtualCircuitStateUnknown", message: expect.stringContaining("'PROVIDER_REVIEW'") });
    expect(watch("VERIFYING")).toBeNull();
    expect(watch("ANOTHER_ODD_STATE")).toBeNull();
    now += UNKNOWN_STATE_GRACE_MS;
    expect(watch("ANOTHER_ODD_STATE")?.message).toContain("for 30 minutes");
  });
});
