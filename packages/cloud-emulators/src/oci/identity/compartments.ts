import { z } from "zod";
import type { World } from "../../core/world";
import { objectBody, Ocid, parseOci } from "../body";
import { invalidParameter, notFound } from "../errors";
import { param } from "../generic";
import { checkRetryToken } from "../idempotency";
import type { OciHandler } from "../kinds";
import { isLive } from "../store";
import { checkEtag, conflict, Description, identityList, IdentityName, reply, requireHomeRegion, requiredQuery, Tags, tagsOf, touched, updateTags } from "./common";
import type { CompartmentRecord } from "./model";
import { addCompartment } from "./records";
import { activeCompartment, childCompartments, compartmentNode, compartmentRecord, identityOf, tenancy } from "./store";

const CompartmentName = IdentityName.regex(/^[A-Za-z0-9._-]+$/, "may contain letters, digits, periods, hyphens and underscores only");
const CreateCompartment = z.object({ compartmentId: Ocid, name: CompartmentName, description: Description, ...Tags });
const UpdateCompartment = z.object({ name: CompartmentName.optional(), description: Description.optional(), ...Tags });

function view(world: World, id: string): Record<string, unknown> {
  const root = tenancy(world, id);
  if (root) {
    return { id: root.id, compartmentId: root.id, name: root.name, description: root.description, timeCreated: root.timeCreated, lifecycleState: "ACTIVE", isAccessible: true, freeformTags: root.freeformTags, definedTags: root.definedTags };
  }
  const record = compartmentRecord(world, id);
  if (!record) throw notFound();
  return render(record);
}

function render(record: CompartmentRecord): Record<string, unknown> {
  return {
    id: record.id,
    compartmentId: record.compartmentId,
    name: record.name,
    description: record.description,
    timeCreated: record.timeCreated,
    lifecycleState: record.lifecycleState,
    isAccessible: true,
    freeformTags: record.freeformTags,
    definedTags: record.definedTags,
  };
}

function siblingNamed(world: World, parentId: string, name: string, except?: string): CompartmentRecord | undefined {
  return childCompartments(world, parentId).find((sibling) => sibling.id !== except && sibling.lifecycleState !== "DELETED" && sibling.name.toLowerCase() === name.toLowerCase());
}

export const createCompartment: OciHandler = (call) => {
  const { world } = call;
  const raw = objectBody(call);
  const token = checkRetryToken(call, "createCompartment", raw);
  if (token.previous?.resourceId) return reply(view(world, token.previous.resourceId));
  const body = parseOci(CreateCompartment, raw);
  const parent = activeCompartment(world, body.compartmentId);
  if (!parent) throw notFound();
  requireHomeRegion(world, parent.tenancyId);
  if (siblingNamed(world, parent.id, body.name)) throw conflict("CompartmentAlreadyExists", `Compartment '${body.name}' already exists in compartment ${parent.id}.`);
  const record = addCompartment(world, { parentId: parent.id, tenancyId: parent.tenancyId, name: body.name, description: body.description, ...tagsOf(body) });
  token.remember({ status: 200, resourceId: record.id });
  return reply(render(record), record.etag);
};

export const getCompartment: OciHandler = (call) => {
  const id = param(call, "id");
  const record = compartmentRecord(call.world, id);
  return reply(view(call.world, id), record?.etag);
};

export const listCompartments: OciHandler = (call) => {
  const { world, query } = call;
  const parentId = requiredQuery(query, "compartmentId");
  const parent = compartmentNode(world, parentId);
  if (!parent) throw notFound();
  const subtree = query.get("compartmentIdInSubtree") === "true";
  if (subtree && parent.parentId !== null) throw invalidParameter("compartmentIdInSubtree can be true only when compartmentId is the tenancy (root compartment).");
  const items = Object.values(identityOf(world).compartments).filter((compartment) => (subtree ? compartment.tenancyId === parent.id : compartment.compartmentId === parent.id));
  return identityList(items, query, render);
};

export const updateCompartment: OciHandler = (call) => {
  const { world } = call;
  const record = compartmentRecord(world, param(call, "id"));
  if (!record || record.lifecycleState !== "ACTIVE") throw notFound();
  requireHomeRegion(world, record.tenancyId);
  checkEtag(call, record);
  const body = parseOci(UpdateCompartment, objectBody(call));
  if (body.name !== undefined && siblingNamed(world, record.compartmentId, body.name, record.id)) throw conflict("CompartmentAlreadyExists", `Compartment '${body.name}' already exists in compartment ${record.compartmentId}.`);
  if (body.name !== undefined) record.name = body.name;
  if (body.description !== undefined) record.description = body.description;
  updateTags(record, body);
  touched(world, record);
  return reply(render(record), record.etag);
};

/** What keeps a compartment from being deleted: live compartments, policies and network resources in it. */
function contents(world: World, id: string): string[] {
  const identity = identityOf(world);
  return [
    ...childCompartments(world, id).filter((child) => child.lifecycleState !== "DELETED").map((child) => child.id),
    ...Object.values(identity.policies).filter((policy) => policy.compartmentId === id).map((policy) => policy.id),
    ...Object.values(world.state.oci.resources).filter((record) => record.compartmentId === id && isLive(record)).map((record) => record.id),
  ];
}

export const deleteCompartment: OciHandler = (call) => {
  const { world } = call;
  const id = param(call, "id");
  if (tenancy(world, id)) throw invalidParameter("The root compartment (the tenancy) cannot be deleted.");
  const record = compartmentRecord(world, id);
  if (!record || record.lifecycleState === "DELETED") throw notFound();
  requireHomeRegion(world, record.tenancyId);
  checkEtag(call, record);
  if (record.lifecycleState === "DELETING") return { status: 204 };
  const blocking = contents(world, id);
  if (blocking.length > 0) throw conflict("Conflict", `Compartment ${id} is not empty: ${blocking.slice(0, 5).join(", ")}${blocking.length > 5 ? ", ..." : ""}. Delete what it contains first.`);
  record.lifecycleState = "DELETING";
  touched(world, record);
  world.schedule(world.config.durations.compartmentDelete, "oci.identity.compartmentDeleted", { id });
  return { status: 204 };
};

export function registerCompartmentEvents(world: World): void {
  world.on("oci.identity.compartmentDeleted", (w, event) => {
    const record = compartmentRecord(w, String(event.data.id));
    if (record?.lifecycleState !== "DELETING") return;
    record.lifecycleState = "DELETED";
    touched(w, record);
  });
}
