import { removeFailedCreate } from "../azure-arm/failed-creates";
import { z } from "zod";
import { childRegistryKey } from "../azure-arm/events";
import { parseArmId } from "../azure-arm/ids";
import { armRegistry } from "../azure-arm/routes";
import { armRecord, findChild, removeArm, withoutChild } from "../azure-arm/store";
import { armEtag } from "../core/ids";
import type { World } from "../core/world";
import { abandonProviderProvisioning, flapBgp } from "../fabric/coupling";
import { circuitOfVirtualCircuit } from "../fabric/links";
import { touch } from "../oci/generic";
import { addNsgRule } from "../oci/resources/network-security-groups";
import { normaliseRule } from "../oci/resources/security-rules";
import { launchVnic } from "../oci/resources/vnics";
import { ociRegistry } from "../oci/routes";
import { ociRecord, ociRecordOf } from "../oci/store";
import { SetSharedKeyAction, setSharedKeyOutOfBand } from "./vpn-admin";

/**
 * Changes "another admin" makes behind Interlink's back, applied at once and without authentication,
 * so drift detection and repair can be tested.
 */
export const OutOfBandAction = z.union([
  z.object({ action: z.literal("delete"), cloud: z.enum(["azure", "oci"]), id: z.string().min(1) }),
  z.object({ action: z.literal("setProvisioningState"), cloud: z.literal("azure"), id: z.string().min(1), state: z.enum(["Succeeded", "Failed", "Updating"]) }),
  z.object({ action: z.literal("addSecurityRule"), cloud: z.literal("azure"), nsgId: z.string().min(1), name: z.string().min(1), properties: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal("addSecurityRule"), cloud: z.literal("oci"), nsgId: z.string().optional(), securityListId: z.string().optional(), direction: z.enum(["INGRESS", "EGRESS"]), rule: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal("removeRouteRule"), cloud: z.literal("oci"), routeTableId: z.string().min(1), destination: z.string().min(1) }),
  z.object({ action: z.literal("failVirtualCircuit"), id: z.string().min(1) }),
  /** The provider shows another state (any string, as a provider may), e.g. while it reworks the circuit. */
  z.object({ action: z.literal("setVirtualCircuitState"), id: z.string().min(1), lifecycleState: z.string().min(1), providerState: z.string().min(1).optional() }),
  z.object({ action: z.literal("bgpFlap"), id: z.string().optional(), downMs: z.number().int().positive() }),
  /** Another admin changes the caller's role assignments: what Microsoft.Authorization/permissions reports from now on. */
  z.object({ action: z.literal("setPermissions"), cloud: z.literal("azure"), permissions: z.array(z.object({ actions: z.array(z.string()), notActions: z.array(z.string()).default([]) })) }),
  /** An instance is launched in a subnet: its VNIC (optionally with a chosen OCID), in no NSG. */
  z.object({ action: z.literal("launchVnic"), cloud: z.literal("oci"), id: z.string().min(1).optional(), subnetId: z.string().min(1), privateIp: z.string().min(1), displayName: z.string().optional() }),
  /** Another admin sets a VNIC's NSGs (e.g. takes one out). */
  z.object({ action: z.literal("setVnicNsgs"), cloud: z.literal("oci"), id: z.string().min(1), nsgIds: z.array(z.string()) }),
  /** Someone sets a VPN shared key on one side only: an Azure connection's or an OCI tunnel's. */
  SetSharedKeyAction,
]);
export type OutOfBandAction = z.infer<typeof OutOfBandAction>;

export class OutOfBandError extends Error {}

function deleteAzure(world: World, id: string): void {
  const parsed = parseArmId(id);
  const record = armRecord(world, id);
  if (!record && removeFailedCreate(world, id)) return;
  if (!parsed || !record) throw new OutOfBandError(`no Azure resource ${id}`);
  const registry = armRegistry();
  if (parsed.childType && parsed.childName) {
    const def = registry.children.get(childRegistryKey(record.kind, parsed.childType));
    const child = def ? findChild(def.children(record), parsed.childName) : undefined;
    if (!def || !child || def.readOnly) throw new OutOfBandError(`no Azure child resource ${id}`);
    def.setChildren(record, withoutChild(def.children(record), child.name));
    record.etag = armEtag();
    def.onDeleted?.(world, record, child);
    return;
  }
  removeArm(world, record.id);
  registry.tracked.get(record.kind)?.onDeleted?.(world, record);
}

function deleteOci(world: World, id: string): void {
  const record = ociRecord(world, id);
  const def = record ? ociRegistry().get(record.kind) : undefined;
  if (!record || !def) throw new OutOfBandError(`no OCI resource ${id}`);
  world.cancelEvents((event) => event.data.id === id);
  def.onDeleting?.(world, record);
  record.lifecycleState = def.states.deleted;
  touch(world, record);
  def.onDeleted?.(world, record);
  world.schedule(world.config.durations.terminatedRetention, "oci.purge", { id });
}

export function applyOutOfBand(world: World, action: OutOfBandAction): void {
  world.dirty = true;
  switch (action.action) {
    case "delete":
      if (action.cloud === "azure") deleteAzure(world, action.id);
      else deleteOci(world, action.id);
      return;
    case "setProvisioningState": {
      const record = armRecord(world, action.id);
      if (!record) throw new OutOfBandError(`no Azure resource ${action.id}`);
      record.provisioningState = action.state;
      record.etag = armEtag();
      return;
    }
    case "addSecurityRule":
      if (action.cloud === "azure") {
        const nsg = armRecord(world, action.nsgId);
        if (!nsg || nsg.kind !== "networkSecurityGroups") throw new OutOfBandError(`no network security group ${action.nsgId}`);
        const properties = action.properties as unknown as (typeof nsg.securityRules)[number]["properties"];
        nsg.securityRules = [...nsg.securityRules.filter((rule) => rule.name !== action.name), { name: action.name, etag: armEtag(), provisioningState: "Succeeded", properties }];
        nsg.etag = armEtag();
        return;
      }
      addOciRule(world, action);
      return;
    case "removeRouteRule": {
      const table = ociRecordOf(world, "routetable", action.routeTableId);
      if (!table) throw new OutOfBandError(`no route table ${action.routeTableId}`);
      table.routeRules = table.routeRules.filter((rule) => rule.destination !== action.destination);
      touch(world, table);
      return;
    }
    case "failVirtualCircuit": {
      const vc = ociRecordOf(world, "virtualcircuit", action.id);
      if (!vc) throw new OutOfBandError(`no virtual circuit ${action.id}`);
      const circuit = circuitOfVirtualCircuit(world, vc);
      vc.lifecycleState = "FAILED";
      vc.providerState = "INACTIVE";
      vc.failureReason = "failed out of band";
      touch(world, vc);
      if (circuit) abandonProviderProvisioning(world, circuit);
      return;
    }
    case "setVirtualCircuitState": {
      const vc = ociRecordOf(world, "virtualcircuit", action.id);
      if (!vc) throw new OutOfBandError(`no virtual circuit ${action.id}`);
      vc.lifecycleState = action.lifecycleState;
      if (action.providerState !== undefined) vc.providerState = action.providerState;
      touch(world, vc);
      return;
    }
    case "bgpFlap":
      flapBgp(world, action.id ? [action.id] : [], action.downMs);
      return;
    case "launchVnic":
      try {
        launchVnic(world, action);
      } catch (error) {
        throw new OutOfBandError((error as Error).message);
      }
      return;
    case "setVnicNsgs": {
      const vnic = ociRecordOf(world, "vnic", action.id);
      if (!vnic) throw new OutOfBandError(`no VNIC ${action.id}`);
      vnic.nsgIds = action.nsgIds;
      touch(world, vnic);
      return;
    }
    case "setPermissions":
      world.state.azure.permissions = action.permissions;
      return;
    case "setSharedKey": {
      const problem = setSharedKeyOutOfBand(world, action);
      if (problem) throw new OutOfBandError(problem);
      return;
    }
  }
}

function addOciRule(world: World, action: Extract<OutOfBandAction, { action: "addSecurityRule"; cloud: "oci" }>): void {
  if (action.nsgId) {
    const nsg = ociRecordOf(world, "networksecuritygroup", action.nsgId);
    if (!nsg) throw new OutOfBandError(`no network security group ${action.nsgId}`);
    addNsgRule(world, nsg, action.rule, action.direction);
    return;
  }
  const list = ociRecordOf(world, "securitylist", action.securityListId);
  if (!list) throw new OutOfBandError(`no security list ${action.securityListId ?? "(none given)"}`);
  const rule = normaliseRule(world, action.rule, action.direction);
  if (action.direction === "INGRESS") list.ingressSecurityRules.push(rule);
  else list.egressSecurityRules.push(rule);
  touch(world, list);
}

