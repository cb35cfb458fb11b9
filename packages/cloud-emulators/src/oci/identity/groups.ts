import { z } from "zod";
import type { World } from "../../core/world";
import { objectBody, Ocid, parseOci } from "../body";
import { notFound } from "../errors";
import { param } from "../generic";
import { checkRetryToken } from "../idempotency";
import type { OciHandler } from "../kinds";
import { pageReply } from "../paging";
import { checkEtag, conflict, Description, identityList, IdentityName, reply, requireHomeRegion, requiredQuery, Tags, tagsOf, touched, updateTags } from "./common";
import { ADMINISTRATORS, type GroupRecord, type MembershipRecord } from "./model";
import { addGroup, addMembership } from "./records";
import { groupByName, groupRecord, identityOf, userRecord } from "./store";
import { tenancyAsCompartment } from "./users";

const CreateGroup = z.object({ compartmentId: Ocid, name: IdentityName, description: Description, ...Tags });
const UpdateGroup = z.object({ description: Description.optional(), ...Tags });
const AddUserToGroup = z.object({ userId: Ocid, groupId: Ocid });

function render(group: GroupRecord): Record<string, unknown> {
  return { id: group.id, compartmentId: group.tenancyId, name: group.name, description: group.description, timeCreated: group.timeCreated, lifecycleState: group.lifecycleState, freeformTags: group.freeformTags, definedTags: group.definedTags };
}

function renderMembership(membership: MembershipRecord): Record<string, unknown> {
  return { id: membership.id, compartmentId: membership.tenancyId, groupId: membership.groupId, userId: membership.userId, timeCreated: membership.timeCreated, lifecycleState: membership.lifecycleState };
}

function liveGroup(world: World, id: string): GroupRecord {
  const group = groupRecord(world, id);
  if (!group) throw notFound();
  return group;
}

function membersOf(world: World, groupId: string): MembershipRecord[] {
  return Object.values(identityOf(world).memberships).filter((membership) => membership.groupId === groupId);
}

export const createGroup: OciHandler = (call) => {
  const { world } = call;
  const raw = objectBody(call);
  const token = checkRetryToken(call, "createGroup", raw);
  const previous = token.previous?.resourceId ? groupRecord(world, token.previous.resourceId) : undefined;
  if (previous) return reply(render(previous), previous.etag);
  const body = parseOci(CreateGroup, raw);
  const tenancyId = tenancyAsCompartment(world, body.compartmentId);
  requireHomeRegion(world, tenancyId);
  if (groupByName(world, tenancyId, body.name)) throw conflict("GroupAlreadyExists", `Group '${body.name}' already exists.`);
  const group = addGroup(world, { tenancyId, name: body.name, description: body.description, ...tagsOf(body) });
  token.remember({ status: 200, resourceId: group.id });
  return reply(render(group), group.etag);
};

export const getGroup: OciHandler = (call) => {
  const group = liveGroup(call.world, param(call, "id"));
  return reply(render(group), group.etag);
};

export const listGroups: OciHandler = (call) => {
  const tenancyId = tenancyAsCompartment(call.world, requiredQuery(call.query, "compartmentId"));
  return identityList(
    Object.values(identityOf(call.world).groups).filter((group) => group.tenancyId === tenancyId),
    call.query,
    render,
  );
};

export const updateGroup: OciHandler = (call) => {
  const { world } = call;
  const group = liveGroup(world, param(call, "id"));
  requireHomeRegion(world, group.tenancyId);
  checkEtag(call, group);
  const body = parseOci(UpdateGroup, objectBody(call));
  if (body.description !== undefined) group.description = body.description;
  updateTags(group, body);
  touched(world, group);
  return reply(render(group), group.etag);
};

/** A group with members cannot be deleted, nor can Administrators. */
export const deleteGroup: OciHandler = (call) => {
  const { world } = call;
  const group = liveGroup(world, param(call, "id"));
  requireHomeRegion(world, group.tenancyId);
  checkEtag(call, group);
  if (group.name === ADMINISTRATORS) throw conflict("Conflict", "The Administrators group cannot be deleted.");
  if (membersOf(world, group.id).length > 0) throw conflict("Conflict", `Group ${group.name} still has members; remove them first.`);
  delete identityOf(world).groups[group.id];
  world.dirty = true;
  return { status: 204 };
};

export const addUserToGroup: OciHandler = (call) => {
  const { world } = call;
  const body = parseOci(AddUserToGroup, objectBody(call));
  const user = userRecord(world, body.userId);
  const group = groupRecord(world, body.groupId);
  if (!user || !group || user.tenancyId !== group.tenancyId) throw notFound();
  requireHomeRegion(world, group.tenancyId);
  if (membersOf(world, group.id).some((membership) => membership.userId === user.id)) throw conflict("Conflict", `User ${user.name} is already a member of group ${group.name}.`);
  const membership = addMembership(world, user, group);
  return reply(renderMembership(membership), membership.etag);
};

export const getUserGroupMembership: OciHandler = (call) => {
  const membership = identityOf(call.world).memberships[param(call, "id")];
  if (!membership) throw notFound();
  return reply(renderMembership(membership), membership.etag);
};

export const listUserGroupMemberships: OciHandler = (call) => {
  const tenancyId = tenancyAsCompartment(call.world, requiredQuery(call.query, "compartmentId"));
  const userId = call.query.get("userId");
  const groupId = call.query.get("groupId");
  const items = Object.values(identityOf(call.world).memberships)
    .filter((membership) => membership.tenancyId === tenancyId && (!userId || membership.userId === userId) && (!groupId || membership.groupId === groupId))
    .sort((a, b) => a.seq - b.seq);
  return pageReply(items.map(renderMembership), call.query);
};

export const removeUserFromGroup: OciHandler = (call) => {
  const { world } = call;
  const membership = identityOf(world).memberships[param(call, "id")];
  if (!membership) throw notFound();
  requireHomeRegion(world, membership.tenancyId);
  checkEtag(call, membership);
  delete identityOf(world).memberships[membership.id];
  world.dirty = true;
  return { status: 204 };
};
