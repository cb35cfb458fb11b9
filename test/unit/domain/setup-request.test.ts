import { parseWith, type FieldError } from "../../../shared/domain/problem";
import { SetupRequest, type SetupRequestInput } from "../../../shared/domain/setup-request";
import { designRequest } from "../../support/requests";

function errorsOf(change: (request: SetupRequestInput) => void): FieldError[] {
  const result = parseWith(SetupRequest, designRequest(change));
  if (result.ok) throw new Error("expected the request to be refused");
  return result.errors;
}

describe("setup request schema", () => {
  it("when given DESIGN.md's example, then it parses with defaults filled in", () => {
    const result = parseWith(SetupRequest, designRequest());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.oci.security).toEqual({ mode: "nsg" });
    expect(result.value.oci.peeredVcns).toEqual([]);
    expect(result.value.azure.gateway).toEqual({ publicIp: "auto", sku: "ErGw1AZ", fastPath: false });
    expect(result.value.traffic[0]).toMatchObject({ from: "azure", to: "oci", protocol: "tcp", ports: "1521", stateless: false });
  });

  it("when addressSpaces and vcnCidrs are omitted, then it still parses (preflight reads them)", () => {
    const result = parseWith(
      SetupRequest,
      designRequest((r) => {
        delete r.azure.vnet.addressSpaces;
        delete r.oci.vcnCidrs;
      }),
    );
    expect(result.ok).toBe(true);
  });

  it("when the gateway's public IP mode is not auto, managed or static, or an unknown gateway option is given, then the field and the rule are named", () => {
    expect(errorsOf((r) => (r.azure.gateway = { publicIp: "basic" as never }))).toEqual([{ path: "azure.gateway.publicIp", message: "must be auto, managed or static" }]);
    expect(errorsOf((r) => (r.azure.gateway = { publicIp: "static", size: "ErGw1AZ" } as never))).toEqual([expect.objectContaining({ path: "azure.gateway" })]);
    expect(errorsOf((r) => (r.azure.gateway = { sku: "Standard" as never }))).toEqual([{ path: "azure.gateway.sku", message: "must be one of ErGw1AZ, ErGw2AZ, ErGw3AZ, ErGwScale, UltraPerformance" }]);
  });

  it("when the VNet and VCN overlap, then the error names both ranges and the seed's rule", () => {
    const errors = errorsOf((r) => {
      r.oci.vcnCidrs = ["10.10.128.0/17"];
    });
    expect(errors).toContainEqual({
      path: "oci.vcnCidrs[0]",
      message:
        "10.10.128.0/17 (VCN CIDR, oci.vcnCidrs[0]) overlaps 10.10.0.0/16 (VNet address space, azure.vnet.addressSpaces[0]): the VNet and the VCN must not have overlapping CIDRs",
    });
  });

  it("when a peered VCN overlaps the VNet, then it is refused", () => {
    const errors = errorsOf((r) => {
      r.oci.peeredVcns = [{ cidrs: ["10.10.5.0/24"] }];
    });
    expect(errors.map((e) => e.path)).toContain("oci.peeredVcns[0].cidrs[0]");
  });

  it("when a CIDR has host bits set, then the message says so", () => {
    expect(errorsOf((r) => (r.azure.vnet.addressSpaces = ["10.10.0.1/16"]))).toContainEqual({
      path: "azure.vnet.addressSpaces[0]",
      message: "'10.10.0.1/16' has host bits set; the network address for /16 is 10.10.0.0/16",
    });
  });

  it.each([
    ["a /29 primary", (r: SetupRequestInput) => (r.bgp.primary = "10.99.0.0/29"), "bgp.primary", "must be a /30 block"],
    ["an unaligned /30", (r: SetupRequestInput) => (r.bgp.secondary = "10.99.0.6/30"), "bgp.secondary", "host bits set"],
    ["identical blocks", (r: SetupRequestInput) => (r.bgp.secondary = "10.99.0.0/30"), "bgp.secondary", "must differ from the primary"],
    ["a block inside the VNet", (r: SetupRequestInput) => (r.bgp.primary = "10.10.7.0/30"), "bgp.primary", "overlaps 10.10.0.0/16"],
    ["a block inside the VCN", (r: SetupRequestInput) => (r.bgp.secondary = "10.20.0.4/30"), "bgp.secondary", "overlaps 10.20.0.0/16"],
  ])("when the BGP blocks have %s, then it is refused", (_label, change, path, fragment) => {
    const errors = errorsOf(change);
    expect(errors.some((e) => e.path === path && e.message.includes(fragment))).toBe(true);
  });

  it("when the GatewaySubnet is outside the VNet or smaller than /27, then both rules are reported", () => {
    const outside = errorsOf((r) => (r.azure.gatewaySubnetPrefix = "10.11.0.0/27"));
    expect(outside).toContainEqual({ path: "azure.gatewaySubnetPrefix", message: "the GatewaySubnet 10.11.0.0/27 must lie inside the VNet address space (10.10.0.0/16)" });
    const small = errorsOf((r) => (r.azure.gatewaySubnetPrefix = "10.10.255.0/28"));
    expect(small).toContainEqual({ path: "azure.gatewaySubnetPrefix", message: "the GatewaySubnet 10.10.255.0/28 is too small: an ExpressRoute gateway needs /27 or larger" });
  });

  it("when the peering location and the OCI region are not interconnected, then the supported alternatives are listed", () => {
    expect(errorsOf((r) => (r.oci.region = "eu-stockholm-1"))).toContainEqual({
      path: "oci.region",
      message: expect.stringMatching(/^'eu-stockholm-1' has no Oracle Interconnect for Azure; supported OCI regions: us-ashburn-1, ap-tokyo-1/),
    });
    expect(errorsOf((r) => (r.oci.region = "eu-frankfurt-1"))).toContainEqual({
      path: "azure.circuit.peeringLocation",
      message: "'Washington DC' does not serve eu-frankfurt-1; the interconnect's peering locations for eu-frankfurt-1: Frankfurt, Frankfurt2",
    });
    expect(errorsOf((r) => (r.azure.circuit.peeringLocation = "Amsterdam2"))).toContainEqual({
      path: "azure.circuit.peeringLocation",
      message: "'Amsterdam2' does not serve us-ashburn-1; the interconnect's peering locations for us-ashburn-1: Washington DC",
    });
    expect(errorsOf((r) => (r.azure.region = "atlantis"))[0]).toEqual({ path: "azure.region", message: expect.stringMatching(/^'atlantis' is not an Azure region Interlink knows; known regions: eastus, eastus2/) });
  });

  it("when the Azure region is not the paired one, then the circuit's SKU decides: its peering location's geopolitical area (Standard), anywhere (Premium), its local region (Local)", () => {
    const withRegion = (region: string, tier: "Local" | "Standard" | "Premium") => {
      const result = parseWith(
        SetupRequest,
        designRequest((r) => {
          r.azure.region = region;
          r.azure.circuit.sku = { tier, family: "UnlimitedData" };
        }),
      );
      return result.ok ? [] : result.errors;
    };
    expect(withRegion("eastus2", "Standard")).toEqual([]);
    expect(withRegion("centralus", "Standard")).toEqual([]);
    expect(withRegion("westeurope", "Standard")).toEqual([
      {
        path: "azure.region",
        message:
          "'westeurope' is in Europe but the peering location Washington DC is in North America: a Standard circuit reaches VNets in its peering location's geopolitical area only; use the Premium tier (azure.circuit.sku.tier) or a region in North America",
      },
    ]);
    expect(withRegion("westeurope", "Premium")).toEqual([]);
    expect(withRegion("eastus", "Local")).toEqual([]);
    expect(withRegion("eastus2", "Local")).toEqual([
      { path: "azure.region", message: expect.stringContaining("'eastus2' is not local to the peering location Washington DC (eastus): a Local circuit reaches only the Azure region(s) local to its peering location") },
    ]);
  });

  it("when the bandwidth is not a FastConnect shape, then the allowed values are named", () => {
    expect(errorsOf((r) => (r.azure.circuit.bandwidthMbps = 50))).toContainEqual({
      path: "azure.circuit.bandwidthMbps",
      message: "must be one of 1000, 2000, 5000, 10000 Mbps: FastConnect to Azure offers 1, 2, 5 or 10 Gbps and the ExpressRoute bandwidth must match",
    });
  });

  it("when the SKU is Local with MeteredData, then the family is refused with the reason", () => {
    const errors = errorsOf((r) => (r.azure.circuit.sku = { tier: "Local", family: "MeteredData" }));
    expect(errors).toContainEqual({ path: "azure.circuit.sku.family", message: expect.stringContaining("Local tier is only sold with the UnlimitedData family") });
  });

  it("when traffic declares on-premises transit, then it is refused with the seed's reason", () => {
    const errors = errorsOf((r) => r.traffic.push({ from: "on-premises", to: "oci", protocol: "tcp" }));
    expect(errors).toContainEqual({ path: "traffic[1].from", message: expect.stringContaining("through the VNet to the VCN") });
  });

  it.each([
    [{ from: "oci", to: "oci", protocol: "tcp" }, "traffic[0].to", "must cross the interconnect"],
    [{ from: "azure", to: "oci", protocol: "icmp", ports: "22" }, "traffic[0].ports", "apply only to tcp and udp"],
    [{ from: "azure", to: "oci", protocol: "tcp", ports: "0-70000" }, "traffic[0].ports", "within 1-65535"],
    [{ from: "azure", to: "oci-peered", protocol: "tcp" }, "traffic[0]", "needs oci.peeredVcns"],
    [{ from: "azure", to: "oci", protocol: "tcp", icmp: { type: 3 } }, "traffic[0].icmp", "only to protocol icmp"],
  ])("when a traffic rule is %j, then %s is refused", (rule, path, fragment) => {
    const errors = errorsOf((r) => (r.traffic = [rule as SetupRequestInput["traffic"][number]]));
    expect(errors.some((e) => e.path === path && e.message.includes(fragment))).toBe(true);
  });

  it.each([
    ["name", (r: SetupRequestInput) => (r.name = "ERP link"), "name", "lowercase letters"],
    ["subscription", (r: SetupRequestInput) => (r.azure.subscriptionId = "not-a-guid"), "azure.subscriptionId", "subscription GUID"],
    ["vcn OCID type", (r: SetupRequestInput) => (r.oci.vcnId = "ocid1.subnet.oc1.iad.aaaa"), "oci.vcnId", "must be the OCID of a vcn, not of a subnet"],
    ["compartment", (r: SetupRequestInput) => (r.oci.compartmentId = "compartment-1"), "oci.compartmentId", "is not an OCID"],
    ["timeout", (r: SetupRequestInput) => (r.options = { provisioningTimeoutMinutes: 1 }), "options.provisioningTimeoutMinutes", "at least 5 minutes"],
  ])("when the %s is malformed, then the field and rule are named", (_label, change, path, fragment) => {
    const errors = errorsOf(change);
    expect(errors.some((e) => e.path === path && e.message.includes(fragment))).toBe(true);
  });

  it("when an unknown field is present, then it is refused rather than silently dropped", () => {
    const errors = errorsOf((r) => Object.assign(r.azure, { vnetId: "x" }));
    expect(errors.some((e) => e.path === "azure" && e.message.toLowerCase().includes("vnetid"))).toBe(true);
  });

  it("when required sections are missing, then each missing field is named", () => {
    const result = parseWith(SetupRequest, { name: "erp-db-link" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(["azure", "bgp", "oci", "traffic"]);
  });
});

describe("error messages", () => {
  it("when fields are missing, of the wrong type or unknown, then the message says which rule", () => {
    const result = parseWith(SetupRequest, designRequest((r) => {
      Object.assign(r, { extra: 1 });
      (r.azure.circuit as { bandwidthMbps: unknown }).bandwidthMbps = "1000";
      delete (r.oci as { vcnId?: string }).vcnId;
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: "", message: "has unknown field 'extra'; remove it" },
        { path: "azure.circuit.bandwidthMbps", message: 'must be a number, not string "1000"' },
        { path: "oci.vcnId", message: "is required" },
      ]),
    );
  });
});
