import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CallCost, callKindOf, DEFAULT_CALL_LATENCIES } from "../src/core/call-cost";
import { COMPARTMENT, RG, startHarness } from "./helpers";

/** A clock that only the sleeps move, as the dev host's virtual clock does for charged calls. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("charging for calls", () => {
  it("classifies calls by cloud, method and operation", () => {
    expect(callKindOf("azure", "GET", "expressRouteCircuits.get")).toBe("armRead");
    expect(callKindOf("azure", "GET", "expressRouteCircuits.list")).toBe("armList");
    expect(callKindOf("azure", "GET", "operations.getStatus")).toBe("armRead");
    expect(callKindOf("azure", "PUT", "expressRouteCircuits.createOrUpdate")).toBe("armWrite");
    expect(callKindOf("azure", "DELETE", "expressRouteCircuits.delete")).toBe("armWrite");
    expect(callKindOf("azure", "POST", "expressRouteCircuits.listRoutesTable")).toBe("armAction");
    expect(callKindOf("oci", "GET", "getVirtualCircuit")).toBe("ociRead");
    expect(callKindOf("oci", "GET", "listVirtualCircuits")).toBe("ociList");
    expect(callKindOf("oci", "POST", "createVirtualCircuit")).toBe("ociWrite");
    expect(callKindOf("azure", "GET", null)).toBe("armRead");
  });

  it("lets a second's worth of calls go at once, then paces each cloud at its own rate", async () => {
    const time = virtualTime();
    const cost = new CallCost({ requestsPerSecond: { azure: 20, oci: 10 } }, time.now, time.sleep);
    for (let call = 0; call < 20; call++) await cost.admit("azure");
    expect(time.now()).toBe(0);
    await cost.admit("azure");
    expect(time.now()).toBe(50);
    // OCI has its own budget: ten go at once even though Azure's is spent.
    for (let call = 0; call < 10; call++) await cost.admit("oci");
    expect(time.now()).toBe(50);
    // The eleventh waits one OCI interval (100 ms) after the burst that began at 50.
    await cost.admit("oci");
    expect(time.now()).toBe(150);
    expect(cost.calls).toEqual({ azure: 21, oci: 11 });
  });

  it("when charging is off, then calls cost nothing and do not queue the ones after it is back on", async () => {
    const time = virtualTime();
    const cost = new CallCost({}, time.now, time.sleep);
    cost.enabled = false;
    for (let call = 0; call < 100; call++) await cost.admit("azure");
    await cost.answer("azure", "GET", "virtualNetworks.get");
    expect(time.now()).toBe(0);
    cost.enabled = true;
    for (let call = 0; call < 20; call++) await cost.admit("azure");
    expect(time.now()).toBe(0);
    expect(cost.calls.azure).toBe(20);
  });

  it("charges the operation's latency after the call", async () => {
    const time = virtualTime();
    const cost = new CallCost({ latencies: { armList: 400 } }, time.now, time.sleep);
    await cost.answer("azure", "GET", "expressRouteCircuits.list");
    await cost.answer("azure", "PUT", "expressRouteCircuits.createOrUpdate");
    await cost.answer("oci", "GET", "getVcn");
    expect(time.sleeps).toEqual([400, DEFAULT_CALL_LATENCIES.armWrite, DEFAULT_CALL_LATENCIES.ociRead]);
  });

  it("refuses a latency that is not a number of milliseconds", () => {
    const time = virtualTime();
    expect(() => new CallCost({ latencies: { ociRead: -1 } }, time.now, time.sleep)).toThrow(/ociRead/);
    expect(() => new CallCost({ requestsPerSecond: { azure: 0 } }, time.now, time.sleep)).toThrow(/requestsPerSecond/);
  });

  it("documents the latencies the code charges", () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    const documented = Object.fromEntries([...readme.matchAll(/^\| `(\w+)` \| [^|]+ \| (\d+) \|$/gm)].map((row) => [row[1], Number(row[2])]));
    expect(documented).toEqual(DEFAULT_CALL_LATENCIES);
  });

  it("makes every SDK call through the emulators wait its latency, and only when asked to", async () => {
    const slept: number[] = [];
    const charged = await startHarness({ chargeCalls: true, clock: () => 0, sleep: async (ms) => void slept.push(ms) });
    try {
      await charged.azure.expressRouteCircuits.list(RG).next();
      await charged.oci.listVcns({ compartmentId: COMPARTMENT });
      expect(slept).toEqual([DEFAULT_CALL_LATENCIES.armList, DEFAULT_CALL_LATENCIES.ociList]);
    } finally {
      await charged.stop();
    }
    await expect(startHarness({ chargeCalls: true, clock: () => 0 })).rejects.toThrow(/needs sleep/);
  });
});
