import { z } from "zod";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import type { TrackedKind } from "../kinds";
import { armRecords } from "../store";
import { gatewayUsingPublicIp } from "../queries";

const PublicIpBody = z.object({
  sku: z.object({ name: z.enum(["Basic", "Standard"]), tier: z.enum(["Regional", "Global"]).optional() }).optional(),
  zones: z.array(z.string()).optional(),
});
const PublicIpProperties = z.object({
  publicIPAllocationMethod: z.enum(["Static", "Dynamic"]).optional(),
  publicIPAddressVersion: z.enum(["IPv4", "IPv6"]).optional(),
  idleTimeoutInMinutes: z.number().int().min(4).max(30).optional(),
});

/** Addresses come from 20.0.0.0/8 (documentation-style, never routed anywhere by the emulators). */
function nextAddress(taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `20.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
    if (n % 256 !== 0 && !taken.has(candidate)) return candidate;
  }
}

export const publicIPAddresses: TrackedKind<"publicIPAddresses"> = {
  kind: "publicIPAddresses",
  type: "publicIPAddresses",
  build({ world, body, existing }) {
    const top = parseArm(PublicIpBody, body, "");
    const properties = parseArm(PublicIpProperties, propertiesOf(body), "properties");
    const skuName = top.sku?.name ?? "Basic";
    const allocationMethod = properties.publicIPAllocationMethod ?? (skuName === "Standard" ? "Static" : "Dynamic");
    if (skuName === "Standard" && allocationMethod !== "Static") {
      throw badRequest("StandardSkuPublicIPAddressesMustBeStatic", "Standard sku publicIp addresses must have publicIPAllocationMethod set to Static.");
    }
    const taken = new Set(armRecords(world, "publicIPAddresses").map((record) => record.ipAddress));
    const record = {
      sku: { name: skuName, tier: top.sku?.tier ?? "Regional" },
      allocationMethod,
      version: properties.publicIPAddressVersion ?? "IPv4",
      ipAddress: existing?.ipAddress ?? nextAddress(taken),
      idleTimeoutInMinutes: properties.idleTimeoutInMinutes ?? 4,
    };
    return top.zones ? { ...record, zones: top.zones } : record;
  },
  topLevel: (record) => ({ sku: record.sku, ...(record.zones ? { zones: record.zones } : {}) }),
  properties(world, record) {
    const user = gatewayUsingPublicIp(world, record.id);
    return {
      publicIPAllocationMethod: record.allocationMethod,
      publicIPAddressVersion: record.version,
      idleTimeoutInMinutes: record.idleTimeoutInMinutes,
      ipAddress: record.ipAddress,
      ...(user ? { ipConfiguration: { id: user } } : {}),
    };
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, record) {
    const user = gatewayUsingPublicIp(world, record.id);
    if (user) {
      throw badRequest("PublicIPAddressCannotBeDeleted", `Public IP address ${record.id} can not be deleted since it is still allocated to resource ${user}. In order to delete the public IP, disassociate/detach the Public IP address from the resource.`);
    }
  },
};
