import fc from "fast-check";
import { planSecurityRules, toSecurityListRules } from "../../../../shared/domain/security";
import { TrafficRule } from "../../../../shared/domain/traffic";

const base = { name: "erp-db-link", vnetCidrs: ["10.10.0.0/16"], vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [] as string[] };
const traffic = (...rules: unknown[]) => rules.map((rule) => TrafficRule.parse(rule));

describe("security rule planning", () => {
  it("when Azure talks to the database port, then one outbound NSG rule, deny rules, and one stateful OCI ingress rule result", () => {
    const plan = planSecurityRules({ ...base, traffic: traffic({ from: "azure", to: "oci", protocol: "tcp", ports: "1521" }) });
    expect(plan.azure).toEqual([
      expect.objectContaining({ name: "interlink-erp-db-link-out-tcp-1521", priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefixes: ["10.10.0.0/16"], destinationAddressPrefixes: ["10.20.0.0/16"], destinationPortRange: "1521" }),
      expect.objectContaining({ name: "interlink-erp-db-link-deny-in-from-oci", direction: "Inbound", access: "Deny", priority: 4095, sourceAddressPrefixes: ["10.20.0.0/16"] }),
      expect.objectContaining({ name: "interlink-erp-db-link-deny-out-to-oci", direction: "Outbound", access: "Deny", priority: 4095 }),
    ]);
    expect(plan.oci).toEqual([
      { direction: "INGRESS", protocol: "6", source: "10.10.0.0/16", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 1521, max: 1521 } }, description: "interlink:erp-db-link in-tcp-1521 from 10.10.0.0/16" },
    ]);
  });

  it("when a rule is stateless, then OCI gets the return rule with the source port range", () => {
    const plan = planSecurityRules({ ...base, traffic: traffic({ from: "azure", to: "oci", protocol: "tcp", ports: "1521-1522", stateless: true }) });
    expect(plan.oci).toHaveLength(2);
    expect(plan.oci[1]).toMatchObject({ direction: "EGRESS", destination: "10.10.0.0/16", isStateless: true, tcpOptions: { sourcePortRange: { min: 1521, max: 1522 } } });
  });

  it("when OCI calls Azure, then the NSG rule is inbound from the VCN and OCI gets an egress rule", () => {
    const plan = planSecurityRules({ ...base, traffic: traffic({ from: "oci", to: "azure", protocol: "udp", ports: "514" }) });
    expect(plan.azure[0]).toMatchObject({ direction: "Inbound", protocol: "Udp", sourceAddressPrefixes: ["10.20.0.0/16"], destinationAddressPrefixes: ["10.10.0.0/16"] });
    expect(plan.oci[0]).toMatchObject({ direction: "EGRESS", protocol: "17", destination: "10.10.0.0/16", udpOptions: { destinationPortRange: { min: 514, max: 514 } } });
  });

  it("when traffic goes to a peered VCN, then the Azure rule targets its CIDRs and the OCI side is left to that VCN with a note", () => {
    const plan = planSecurityRules({ ...base, peeredVcnCidrs: ["10.30.0.0/16"], traffic: traffic({ from: "azure", to: "oci-peered", protocol: "tcp", ports: "443" }) });
    expect(plan.azure[0]).toMatchObject({ name: "interlink-erp-db-link-out-tcp-443-peered", destinationAddressPrefixes: ["10.30.0.0/16"] });
    expect(plan.oci).toEqual([]);
    expect(plan.notes[0]).toContain("peered VCN");
  });

  it("when existing priorities are taken and entries repeat, then priorities skip them and duplicates merge", () => {
    const rule = { from: "azure", to: "oci", protocol: "tcp", ports: "1521" };
    const plan = planSecurityRules({ ...base, existingAzurePriorities: { Outbound: [100, 101] }, traffic: traffic(rule, rule, { from: "azure", to: "oci", protocol: "icmp", icmp: { type: 8 } }) });
    const allows = plan.azure.filter((azureRule) => azureRule.access === "Allow");
    expect(allows.map((azureRule) => azureRule.priority)).toEqual([102, 103]);
    expect(allows.map((azureRule) => azureRule.name)).toEqual(["interlink-erp-db-link-out-icmp-8", "interlink-erp-db-link-out-tcp-1521"]);
  });

  it("when split for a security list, then ingress and egress lists have no direction field", () => {
    const plan = planSecurityRules({ ...base, traffic: traffic({ from: "azure", to: "oci", protocol: "tcp", ports: "22", stateless: true }) });
    const lists = toSecurityListRules(plan.oci);
    expect(lists.ingressSecurityRules).toHaveLength(1);
    expect(lists.egressSecurityRules).toHaveLength(1);
    expect("direction" in (lists.ingressSecurityRules[0] ?? {})).toBe(false);
  });

  const trafficArbitrary = fc.array(
    fc.record({
      from: fc.constantFrom("azure", "oci"),
      protocol: fc.constantFrom("tcp", "udp", "icmp", "all"),
      port: fc.integer({ min: 1, max: 65000 }),
      width: fc.integer({ min: 0, max: 500 }),
      stateless: fc.boolean(),
    }),
    { maxLength: 40 },
  ).map((rules) =>
    rules.map((rule) =>
      TrafficRule.parse({
        from: rule.from,
        to: rule.from === "azure" ? "oci" : "azure",
        protocol: rule.protocol,
        ...(rule.protocol === "tcp" || rule.protocol === "udp" ? { ports: `${rule.port}-${rule.port + rule.width}` } : {}),
        stateless: rule.stateless,
      }),
    ),
  );

  it("property: priorities are unique per direction, in 100-4096, names unique, and planning is deterministic and order-independent", () => {
    fc.assert(
      fc.property(trafficArbitrary, (rules) => {
        const plan = planSecurityRules({ ...base, traffic: rules });
        const again = planSecurityRules({ ...base, traffic: [...rules].reverse() });
        for (const direction of ["Inbound", "Outbound"]) {
          const priorities = plan.azure.filter((rule) => rule.direction === direction).map((rule) => rule.priority);
          if (new Set(priorities).size !== priorities.length) return false;
          if (priorities.some((priority) => priority < 100 || priority > 4096)) return false;
        }
        const names = plan.azure.map((rule) => rule.name);
        return new Set(names).size === names.length && JSON.stringify(plan) === JSON.stringify(again);
      }),
      { numRuns: 200 },
    );
  });
});
