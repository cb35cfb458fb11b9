import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ociIdentityClient, ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import { EmulatorClock } from "../src/core/clock";
import { armId, COMPARTMENT, finish, MINUTE, RG, startHarness } from "./helpers";
import { buildInterconnect } from "./interconnect-fixture";

describe("emulated clock", () => {
  it("when time is scaled, then emulated time runs 1/scale times faster than the wall clock", () => {
    let real = 1_000;
    const clock = new EmulatorClock(0.001, 5_000_000, () => real);
    real += 60;
    expect(clock.now()).toBe(5_060_000);
    clock.advance(1_000);
    expect(clock.now()).toBe(5_061_000);
  });

  it("when the scale is 0, then only advance moves time", () => {
    let real = 0;
    const clock = new EmulatorClock(0, 42, () => real);
    real += 10_000;
    expect(clock.now()).toBe(42);
    expect(clock.advance(8)).toBe(50);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe("scaled real time", () => {
  it("when the time scale is 0.001, then pollers finish in real time without the admin clock", async () => {
    const h = await startHarness({ timeScale: 0.001 });
    try {
      const started = Date.now();
      const poller = await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } }, { updateIntervalInMs: 5 });
      expect((await poller.pollUntilDone()).provisioningState).toBe("Succeeded");
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await h.emulators.admin.clock()).timeScale).toBe(0.001);
    } finally {
      await h.stop();
    }
  });
});

describe("admin API", () => {
  it("when the clock advances, then due state changes apply in order and the clock reports what is pending", async () => {
    const h = await startHarness({ startTime: Date.parse("2026-11-22T10:00:00Z") });
    try {
      await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
      const before = await h.emulators.admin.clock();
      expect(before).toMatchObject({ now: "2026-11-22T10:00:00.000Z", timeScale: 0, pendingEvents: 1, nextEventAt: "2026-11-22T10:00:05.000Z" });
      const after = await h.emulators.admin.advanceClock(5_000);
      expect(after).toMatchObject({ now: "2026-11-22T10:00:05.000Z", pendingEvents: 0 });
      const snapshot = await h.emulators.admin.snapshot();
      expect(snapshot.azure.map((item) => [item.kind, (item.resource.properties as { provisioningState: string }).provisioningState])).toEqual([["virtualNetworks", "Succeeded"]]);
      const journal = await h.emulators.admin.journal({ cloud: "azure", method: "PUT" });
      expect(journal).toEqual([expect.objectContaining({ op: "virtualNetworks.createOrUpdate", status: 201, auth: "bearer", durationMs: expect.any(Number) })]);
    } finally {
      await h.stop();
    }
  });

  it("when another admin changes things out of band, then the clouds show the drift", async () => {
    const h = await startHarness();
    try {
      const { oci } = await buildInterconnect(h);
      const nsg = await finish(h.azure.networkSecurityGroups.beginCreateOrUpdate(RG, "nsg-a", { location: "eastus" }), h, MINUTE);
      await h.emulators.admin.outOfBand({
        action: "addSecurityRule",
        cloud: "azure",
        nsgId: nsg.id ?? "",
        name: "rogue",
        properties: { protocol: "*", access: "Allow", direction: "Inbound", priority: 100, sourcePortRange: "*", destinationPortRange: "*", sourceAddressPrefix: "*", destinationAddressPrefix: "*" },
      });
      expect((await h.azure.networkSecurityGroups.get(RG, "nsg-a")).securityRules?.map((rule) => rule.name)).toEqual(["rogue"]);

      const table = await h.oci.createRouteTable({
        createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: oci.vcnId, routeRules: [{ destination: "10.10.0.0/16", networkEntityId: oci.drgId }] },
      });
      await h.emulators.admin.outOfBand({ action: "removeRouteRule", cloud: "oci", routeTableId: table.routeTable.id, destination: "10.10.0.0/16" });
      expect((await h.oci.getRouteTable({ rtId: table.routeTable.id })).routeTable.routeRules).toEqual([]);

      await h.emulators.admin.outOfBand({ action: "delete", cloud: "azure", id: armId("connections", "erp-db-link-erconn") });
      await expect(h.azure.virtualNetworkGatewayConnections.get(RG, "erp-db-link-erconn")).rejects.toMatchObject({ statusCode: 404 });
      await expect(h.emulators.admin.outOfBand({ action: "delete", cloud: "oci", id: "ocid1.vcn.oc1.iad.nothing" })).rejects.toMatchObject({ status: 400 });
    } finally {
      await h.stop();
    }
  });

  it("when tagged resources outlive their interconnect or are duplicated, then the orphan report lists them", async () => {
    const h = await startHarness();
    try {
      await buildInterconnect(h);
      expect(await h.emulators.admin.orphans()).toEqual([]);
      await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "second-drg", freeformTags: { interlink: "erp-db-link" } } });
      await finish(h.azure.routeTables.beginCreateOrUpdate(RG, "old-rt", { location: "eastus", tags: { interlink: "gone-link" } }), h, MINUTE);
      const orphans = await h.emulators.admin.orphans();
      expect(orphans.map((orphan) => [orphan.cloud, orphan.kind, orphan.name, orphan.reason])).toEqual(
        expect.arrayContaining([
          ["oci", "drg", "second-drg", "duplicate"],
          ["azure", "routeTables", "old-rt", "owner-missing"],
        ]),
      );
      expect(orphans).toHaveLength(2);
      expect((await h.emulators.admin.orphans(["erp-db-link", "gone-link"])).map((orphan) => orphan.reason)).toEqual(["duplicate"]);
    } finally {
      await h.stop();
    }
  });

  it("when a GatewaySubnet added on its own is left without a gateway, then the orphan report lists it; one laid out with its VNet is the owner's business", async () => {
    const h = await startHarness();
    try {
      await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-laid-out", { location: "eastus", addressSpace: { addressPrefixes: ["10.5.0.0/16"] }, subnets: [{ name: "GatewaySubnet", addressPrefix: "10.5.255.0/27" }] }), h, MINUTE);
      await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-added", { location: "eastus", addressSpace: { addressPrefixes: ["10.6.0.0/16"] } }), h, MINUTE);
      await finish(h.azure.subnets.beginCreateOrUpdate(RG, "vnet-added", "GatewaySubnet", { addressPrefix: "10.6.255.0/27" }), h, MINUTE);
      await finish(h.azure.subnets.beginCreateOrUpdate(RG, "vnet-added", "app", { addressPrefix: "10.6.1.0/24" }), h, MINUTE);
      expect(await h.emulators.admin.orphans()).toEqual([
        { cloud: "azure", kind: "subnets", id: expect.stringContaining("/virtualNetworks/vnet-added/subnets/GatewaySubnet"), name: "GatewaySubnet", owner: "", reason: "unused-gateway-subnet" },
      ]);
      await finish(h.azure.subnets.beginDelete(RG, "vnet-added", "GatewaySubnet"), h, MINUTE);
      expect(await h.emulators.admin.orphans()).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});

describe("persistence", () => {
  it("when persisting, then a restarted emulator keeps resources, keys and pending timelines", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "interlink-persist-"));
    try {
      const first = await startHarness({ stateDir, persist: true });
      await finish(first.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", { location: "eastus", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } }), first, MINUTE);
      const vcn = await first.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] } });
      const key = first.emulators.oci.fingerprint;
      await first.stop();
      const saved = JSON.parse(readFileSync(join(stateDir, "emulators", "state.json"), "utf8")) as { version: number };
      expect(saved.version).toBe(1);

      const second = await startHarness({ stateDir, persist: true });
      try {
        expect(second.emulators.oci.fingerprint).toBe(key);
        expect((await second.azure.virtualNetworks.get(RG, "vnet-a")).provisioningState).toBe("Succeeded");
        expect((await second.oci.getVcn({ vcnId: vcn.vcn.id })).vcn.lifecycleState).toBe("PROVISIONING");
        await second.emulators.admin.advanceClock(MINUTE);
        expect((await second.oci.getVcn({ vcnId: vcn.vcn.id })).vcn.lifecycleState).toBe("AVAILABLE");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("when persisting, then tenancies, policies and seeded users' keys survive a restart; a state saved before Identity gets the default tenancy", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "interlink-persist-identity-"));
    const options = { stateDir, persist: true, ociTenancies: [{ name: "partner", compartments: ["shared"], users: [{ name: "ops", groups: ["Ops"] }] }] };
    try {
      const first = await startHarness(options);
      const partner = first.emulators.oci.tenancies.partner;
      const identity = ociIdentityClient({ endpoint: first.emulators.oci.endpoint, ...(partner?.admin ?? first.emulators.oci) });
      await identity.createPolicy({ createPolicyDetails: { compartmentId: partner?.tenancy ?? "", name: "ops", description: "x", statements: ["Allow group Ops to inspect vcns in tenancy"] } });
      await first.stop();

      const second = await startHarness(options);
      try {
        const again = second.emulators.oci.tenancies.partner;
        expect(again).toMatchObject({ tenancy: partner?.tenancy, users: { ops: { user: partner?.users.ops?.user, fingerprint: partner?.users.ops?.fingerprint, privateKeyPem: partner?.users.ops?.privateKeyPem } } });
        const ops = ociVirtualNetworkClient({ endpoint: second.emulators.oci.endpoint, ...(again?.users.ops ?? second.emulators.oci) });
        expect((await ops.listVcns({ compartmentId: again?.compartments.shared ?? "" })).items).toEqual([]);
      } finally {
        await second.stop();
      }

      // Drop Identity from the saved state, as a file written before it existed would be.
      const file = join(stateDir, "emulators", "state.json");
      const saved = JSON.parse(readFileSync(file, "utf8")) as { oci: Record<string, unknown> };
      delete saved.oci.identity;
      delete saved.oci.generatedKeys;
      writeFileSync(file, JSON.stringify(saved));
      const third = await startHarness({ stateDir, persist: true });
      try {
        expect((await third.oci.listVcns({ compartmentId: third.emulators.oci.tenancy })).items).toEqual([]);
      } finally {
        await third.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("when not persisting, then a restart starts empty", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "interlink-nopersist-"));
    try {
      const first = await startHarness({ stateDir });
      await first.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] } });
      await first.stop();
      const second = await startHarness({ stateDir });
      try {
        expect((await second.oci.listVcns({ compartmentId: COMPARTMENT })).items).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
