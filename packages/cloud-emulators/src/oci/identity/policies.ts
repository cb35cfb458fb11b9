import { z } from "zod";
import type { World } from "../../core/world";
import { objectBody, Ocid, parseOci } from "../body";
import { invalidParameter, notFound } from "../errors";
import { param } from "../generic";
import { policyProblem } from "../iam/validate";
import { checkRetryToken } from "../idempotency";
import type { OciHandler } from "../kinds";
import { checkEtag, conflict, Description, identityList, reply, requireHomeRegion, requiredQuery, Tags, tagsOf, touched, updateTags } from "./common";
import type { PolicyRecord } from "./model";
import { addPolicy } from "./records";
import { activeCompartment, identityOf } from "./store";

/** OCI: at most 50 statements in one policy. */
export const MAX_STATEMENTS = 50;

const PolicyName = z.string().min(1).max(100).regex(/^[A-Za-z0-9._ -]+$/, "may contain letters, digits, spaces, periods, hyphens and underscores only");
const Statements = z.array(z.string().min(1)).min(1, "a policy needs at least one statement").max(MAX_STATEMENTS, `a policy has at most ${MAX_STATEMENTS} statements`);
const VersionDate = z.string().nullable().optional();
const CreatePolicy = z.object({ compartmentId: Ocid, name: PolicyName, description: Description, statements: Statements, versionDate: VersionDate, ...Tags });
const UpdatePolicy = z.object({ description: Description.optional(), statements: Statements.optional(), versionDate: VersionDate, ...Tags });

function render(policy: PolicyRecord): Record<string, unknown> {
  return {
    id: policy.id,
    compartmentId: policy.compartmentId,
    name: policy.name,
    statements: policy.statements,
    description: policy.description,
    timeCreated: policy.timeCreated,
    lifecycleState: policy.lifecycleState,
    versionDate: policy.versionDate,
    freeformTags: policy.freeformTags,
    definedTags: policy.definedTags,
  };
}

function checkStatements(world: World, policy: { compartmentId: string; tenancyId: string; statements: string[] }): void {
  const problem = policyProblem(world, policy);
  if (problem) throw invalidParameter(problem);
}

function livePolicy(world: World, id: string): PolicyRecord {
  const policy = identityOf(world).policies[id];
  if (!policy) throw notFound();
  return policy;
}

export const createPolicy: OciHandler = (call) => {
  const { world } = call;
  const raw = objectBody(call);
  const token = checkRetryToken(call, "createPolicy", raw);
  const previous = token.previous?.resourceId ? identityOf(world).policies[token.previous.resourceId] : undefined;
  if (previous) return reply(render(previous), previous.etag);
  const body = parseOci(CreatePolicy, raw);
  const compartment = activeCompartment(world, body.compartmentId);
  if (!compartment) throw notFound();
  requireHomeRegion(world, compartment.tenancyId);
  if (Object.values(identityOf(world).policies).some((policy) => policy.compartmentId === compartment.id && policy.name.toLowerCase() === body.name.toLowerCase())) {
    throw conflict("PolicyAlreadyExists", `Policy '${body.name}' already exists`);
  }
  checkStatements(world, { compartmentId: compartment.id, tenancyId: compartment.tenancyId, statements: body.statements });
  const policy = addPolicy(world, { compartmentId: compartment.id, tenancyId: compartment.tenancyId, name: body.name, description: body.description, statements: body.statements, versionDate: body.versionDate ?? null, ...tagsOf(body) });
  token.remember({ status: 200, resourceId: policy.id });
  return reply(render(policy), policy.etag);
};

export const getPolicy: OciHandler = (call) => {
  const policy = livePolicy(call.world, param(call, "id"));
  return reply(render(policy), policy.etag);
};

export const listPolicies: OciHandler = (call) => {
  const compartmentId = requiredQuery(call.query, "compartmentId");
  return identityList(
    Object.values(identityOf(call.world).policies).filter((policy) => policy.compartmentId === compartmentId),
    call.query,
    render,
  );
};

/** `statements` replaces the whole list (as OCI's UpdatePolicy does). */
export const updatePolicy: OciHandler = (call) => {
  const { world } = call;
  const policy = livePolicy(world, param(call, "id"));
  requireHomeRegion(world, policy.tenancyId);
  checkEtag(call, policy);
  const body = parseOci(UpdatePolicy, objectBody(call));
  if (body.statements !== undefined) checkStatements(world, { compartmentId: policy.compartmentId, tenancyId: policy.tenancyId, statements: body.statements });
  if (body.statements !== undefined) policy.statements = body.statements;
  if (body.description !== undefined) policy.description = body.description;
  if (body.versionDate !== undefined) policy.versionDate = body.versionDate;
  updateTags(policy, body);
  touched(world, policy);
  return reply(render(policy), policy.etag);
};

export const deletePolicy: OciHandler = (call) => {
  const { world } = call;
  const policy = livePolicy(world, param(call, "id"));
  requireHomeRegion(world, policy.tenancyId);
  checkEtag(call, policy);
  delete identityOf(world).policies[policy.id];
  world.dirty = true;
  return { status: 204 };
};
