import { createPublicKey } from "node:crypto";
import { z } from "zod";
import type { World } from "../../core/world";
import { fingerprintOf } from "../credentials";
import { objectBody, Ocid, parseOci } from "../body";
import { invalidParameter, notFound, OciError } from "../errors";
import { param } from "../generic";
import { checkRetryToken } from "../idempotency";
import type { OciHandler } from "../kinds";
import { checkEtag, conflict, Description, identityList, IdentityName, reply, requireHomeRegion, requiredQuery, Tags, tagsOf, touched, updateTags } from "./common";
import type { ApiKeyRecord, UserRecord } from "./model";
import { addApiKey, addUser } from "./records";
import { identityOf, tenancy, userRecord } from "./store";

const CreateUser = z.object({ compartmentId: Ocid, name: IdentityName, description: Description, email: z.email().optional(), ...Tags });
const UpdateUser = z.object({ description: Description.optional(), email: z.email().optional(), ...Tags });
const UploadKey = z.object({ key: z.string().includes("PUBLIC KEY") });

/** OCI allows three API signing keys per user. */
export const MAX_API_KEYS = 3;

function render(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    compartmentId: user.tenancyId,
    name: user.name,
    description: user.description,
    email: user.email ?? null,
    emailVerified: false,
    timeCreated: user.timeCreated,
    lifecycleState: user.lifecycleState,
    isMfaActivated: false,
    freeformTags: user.freeformTags,
    definedTags: user.definedTags,
  };
}

function renderKey(key: ApiKeyRecord): Record<string, unknown> {
  return { keyId: key.keyId, keyValue: key.keyValue, fingerprint: key.fingerprint, userId: key.userId, timeCreated: key.timeCreated, lifecycleState: key.lifecycleState };
}

/** Users and groups live in the tenancy itself (OCI requires the tenancy OCID as compartmentId). */
export function tenancyAsCompartment(world: World, compartmentId: string): string {
  if (!tenancy(world, compartmentId)) throw invalidParameter(`compartmentId must be the tenancy OCID (users and groups live in the root compartment), not ${compartmentId}.`);
  return compartmentId;
}

function liveUser(world: World, id: string): UserRecord {
  const user = userRecord(world, id);
  if (!user || user.lifecycleState === "DELETED") throw notFound();
  return user;
}

export const createUser: OciHandler = (call) => {
  const { world } = call;
  const raw = objectBody(call);
  const token = checkRetryToken(call, "createUser", raw);
  const previous = token.previous?.resourceId ? userRecord(world, token.previous.resourceId) : undefined;
  if (previous) return reply(render(previous), previous.etag);
  const body = parseOci(CreateUser, raw);
  const tenancyId = tenancyAsCompartment(world, body.compartmentId);
  requireHomeRegion(world, tenancyId);
  if (Object.values(identityOf(world).users).some((user) => user.tenancyId === tenancyId && user.name.toLowerCase() === body.name.toLowerCase())) {
    throw conflict("UserAlreadyExists", `User '${body.name}' already exists.`);
  }
  const user = addUser(world, { tenancyId, name: body.name, description: body.description, ...(body.email ? { email: body.email } : {}), ...tagsOf(body) });
  token.remember({ status: 200, resourceId: user.id });
  return reply(render(user), user.etag);
};

export const getUser: OciHandler = (call) => {
  const user = liveUser(call.world, param(call, "id"));
  return reply(render(user), user.etag);
};

export const listUsers: OciHandler = (call) => {
  const tenancyId = tenancyAsCompartment(call.world, requiredQuery(call.query, "compartmentId"));
  return identityList(
    Object.values(identityOf(call.world).users).filter((user) => user.tenancyId === tenancyId),
    call.query,
    render,
  );
};

export const updateUser: OciHandler = (call) => {
  const { world } = call;
  const user = liveUser(world, param(call, "id"));
  requireHomeRegion(world, user.tenancyId);
  checkEtag(call, user);
  const body = parseOci(UpdateUser, objectBody(call));
  if (body.description !== undefined) user.description = body.description;
  if (body.email !== undefined) user.email = body.email;
  updateTags(user, body);
  touched(world, user);
  return reply(render(user), user.etag);
};

/** Deleting a user removes its group memberships and API keys with it. */
export const deleteUser: OciHandler = (call) => {
  const { world } = call;
  const user = liveUser(world, param(call, "id"));
  requireHomeRegion(world, user.tenancyId);
  checkEtag(call, user);
  const identity = identityOf(world);
  for (const [id, membership] of Object.entries(identity.memberships)) if (membership.userId === user.id) delete identity.memberships[id];
  for (const [keyId, key] of Object.entries(identity.apiKeys)) if (key.userId === user.id) delete identity.apiKeys[keyId];
  delete identity.users[user.id];
  world.dirty = true;
  return { status: 204 };
};

function keysOf(world: World, userId: string): ApiKeyRecord[] {
  return Object.values(identityOf(world).apiKeys).filter((key) => key.userId === userId);
}

export const uploadApiKey: OciHandler = (call) => {
  const { world } = call;
  const user = liveUser(world, param(call, "userId"));
  requireHomeRegion(world, user.tenancyId);
  const body = parseOci(UploadKey, objectBody(call));
  try {
    createPublicKey(body.key);
  } catch {
    throw invalidParameter("key is not a PEM public key.");
  }
  const fingerprint = fingerprintOf(body.key);
  const keys = keysOf(world, user.id);
  if (keys.some((key) => key.fingerprint === fingerprint)) throw conflict("ApiKeyAlreadyExists", `The API key with fingerprint ${fingerprint} is already added to the user.`);
  if (keys.length >= MAX_API_KEYS) throw new OciError(400, "LimitExceeded", `A user can have at most ${MAX_API_KEYS} API keys.`);
  return reply(renderKey(addApiKey(world, user, body.key)));
};

export const listApiKeys: OciHandler = (call) => {
  const user = liveUser(call.world, param(call, "userId"));
  return reply(keysOf(call.world, user.id).map(renderKey));
};

export const deleteApiKey: OciHandler = (call) => {
  const { world } = call;
  const user = liveUser(world, param(call, "userId"));
  requireHomeRegion(world, user.tenancyId);
  const key = keysOf(world, user.id).find((candidate) => candidate.fingerprint === param(call, "fingerprint"));
  if (!key) throw notFound();
  delete identityOf(world).apiKeys[key.keyId];
  world.dirty = true;
  return { status: 204 };
};
