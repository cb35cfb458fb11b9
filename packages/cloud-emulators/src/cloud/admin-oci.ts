import { z } from "zod";
import { jsonBody, type EmulatorReply, type EmulatorRequest } from "../core/http";
import type { World } from "../core/world";
import { reachability } from "../fabric/reachability";
import { evaluate } from "../oci/iam/evaluate";
import { operationTable } from "../oci/iam/operations";
import { addApiKey, addUser } from "../oci/identity/records";
import { identityOf, principalOf, tenancy, userRecord } from "../oci/identity/store";
import { identityView } from "../oci/identity/view";
import { IdentitySeedError, joinGroups, OciTenancySpec, OciUserSpec, seedCompartmentPath, seedTenancy, seedUser } from "../oci/identity/tenancy-seed";
import { isKnownRegion } from "../oci/regions";

/** The OCI Identity and routing part of the admin API (`/__emulator/oci/...`, `/__emulator/reachability`). */

const RegisterKey = z.object({ tenancy: z.string().min(1), user: z.string().min(1), publicKeyPem: z.string().includes("PUBLIC KEY"), groups: z.array(z.string().min(1)).default([]) });
const CreateUser = OciUserSpec.extend({ tenancy: z.string().min(1) });
const CreateCompartment = z.object({ tenancy: z.string().min(1), parent: z.string().min(1).optional(), path: z.string().min(1).regex(/^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*$/, "must be a name or a:b path"), id: z.string().startsWith("ocid1.compartment.").optional() });
const Subscribe = z.object({ tenancy: z.string().min(1), region: z.string().refine(isKnownRegion, "is not a region the emulator serves") });
const Authorize = z.union([
  z.object({ user: z.string().min(1), permission: z.string().min(1), compartmentId: z.string().min(1), operation: z.string().default("") }),
  z.object({ user: z.string().min(1), associate: z.string().min(1), compartmentId: z.string().min(1), withCompartmentId: z.string().min(1), operation: z.string().default("") }),
]);

export class OciAdminError extends Error {}

function body(req: EmulatorRequest): unknown {
  return jsonBody(req) ?? {};
}

function existingTenancy(world: World, id: string): string {
  if (!tenancy(world, id)) throw new OciAdminError(`no tenancy ${id}`);
  return id;
}

/** Answers an OCI admin route, or undefined when `route` is not one of them. */
export function handleOciAdmin(world: World, route: string, req: EmulatorRequest): EmulatorReply | undefined {
  try {
    return answer(world, route, req);
  } catch (error) {
    if (error instanceof IdentitySeedError) throw new OciAdminError(error.message);
    throw error;
  }
}

function answer(world: World, route: string, req: EmulatorRequest): EmulatorReply | undefined {
  switch (route) {
    case "GET oci/identity":
      return { status: 200, json: identityView(world) };
    case "GET oci/keys":
      return { status: 200, json: { keyIds: Object.keys(identityOf(world).apiKeys) } };
    case "POST oci/keys": {
      // Trusts a key for a user of an existing tenancy, creating the user (with that OCID) when it is new.
      const input = RegisterKey.parse(body(req));
      const tenancyId = existingTenancy(world, input.tenancy);
      const user = userRecord(world, input.user) ?? addUser(world, { id: input.user, tenancyId, name: input.user.split(".").pop()?.slice(-12) ?? "user" });
      if (user.tenancyId !== tenancyId) throw new OciAdminError(`user ${user.id} belongs to tenancy ${user.tenancyId}`);
      joinGroups(world, user, input.groups);
      const existing = Object.values(identityOf(world).apiKeys).find((key) => key.userId === user.id && key.keyValue === input.publicKeyPem);
      return { status: 201, json: { keyId: (existing ?? addApiKey(world, user, input.publicKeyPem)).keyId } };
    }
    case "POST oci/tenancies":
      return { status: 201, json: seedTenancy(world, OciTenancySpec.parse(body(req)), world.config.ociRegion) };
    case "POST oci/users": {
      const { tenancy: tenancyId, ...spec } = CreateUser.parse(body(req));
      return { status: 201, json: seedUser(world, existingTenancy(world, tenancyId), spec) };
    }
    case "POST oci/compartments": {
      const input = CreateCompartment.parse(body(req));
      const tenancyId = existingTenancy(world, input.tenancy);
      return { status: 201, json: { id: seedCompartmentPath(world, tenancyId, input.parent ?? tenancyId, input.path, input.id) } };
    }
    case "POST oci/region-subscriptions": {
      const input = Subscribe.parse(body(req));
      const record = tenancy(world, existingTenancy(world, input.tenancy));
      const found = record?.subscriptions.find((subscription) => subscription.regionName === input.region);
      if (found) found.status = "READY";
      else record?.subscriptions.push({ regionName: input.region, status: "READY" });
      world.dirty = true;
      return { status: 201, json: { tenancy: input.tenancy, regions: record?.subscriptions ?? [] } };
    }
    case "GET oci/operations":
      return { status: 200, json: { operations: operationTable() } };
    case "POST oci/authorize": {
      const input = Authorize.parse(body(req));
      const user = userRecord(world, input.user);
      if (!user) throw new OciAdminError(`no user ${input.user}`);
      const need =
        "permission" in input
          ? { kind: "permission" as const, permission: input.permission, compartmentId: input.compartmentId }
          : { kind: "associate" as const, resourceType: input.associate, firstCompartmentId: input.compartmentId, secondCompartmentId: input.withCompartmentId };
      return { status: 200, json: evaluate(world, principalOf(world, user), need, input.operation) };
    }
    case "GET reachability": {
      const from = req.url.searchParams.get("from");
      const to = req.url.searchParams.get("to");
      if (!from || !to) throw new OciAdminError("reachability needs from=<address or CIDR> and to=<address or CIDR>");
      return { status: 200, json: reachability(world, from, to) };
    }
  }
  return undefined;
}
