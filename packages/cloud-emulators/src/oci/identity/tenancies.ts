import { z } from "zod";
import type { World } from "../../core/world";
import { objectBody, parseOci } from "../body";
import { invalidParameter, notFound } from "../errors";
import { param } from "../generic";
import type { OciHandler } from "../kinds";
import { knownRegions, regionKeyOf } from "../regions";
import { conflict, reply, requireHomeRegion } from "./common";
import type { RegionSubscriptionRecord, TenancyRecord } from "./model";
import { tenancy } from "./store";

const CreateSubscription = z.object({ regionKey: z.string().min(3).max(16) });

function liveTenancy(world: World, id: string): TenancyRecord {
  const record = tenancy(world, id);
  if (!record) throw notFound();
  return record;
}

function renderSubscription(record: TenancyRecord, subscription: RegionSubscriptionRecord): Record<string, unknown> {
  return { regionKey: regionKeyOf(subscription.regionName).toUpperCase(), regionName: subscription.regionName, status: subscription.status, isHomeRegion: subscription.regionName === record.homeRegion };
}

export const getTenancy: OciHandler = (call) => {
  const record = liveTenancy(call.world, param(call, "tenancyId"));
  return reply({ id: record.id, name: record.name, description: record.description, homeRegionKey: regionKeyOf(record.homeRegion).toUpperCase(), upiIdcsCompatibilityLayerEndpoint: null, freeformTags: record.freeformTags, definedTags: record.definedTags });
};

export const listRegionSubscriptions: OciHandler = (call) => {
  const record = liveTenancy(call.world, param(call, "tenancyId"));
  return reply(record.subscriptions.map((subscription) => renderSubscription(record, subscription)));
};

/** Subscribing takes a while (IN_PROGRESS); requests to the region are refused (401) until it is READY. */
export const createRegionSubscription: OciHandler = (call) => {
  const { world } = call;
  const record = liveTenancy(world, param(call, "tenancyId"));
  requireHomeRegion(world, record.id);
  const body = parseOci(CreateSubscription, objectBody(call));
  const regionName = knownRegions().find((region) => regionKeyOf(region).toUpperCase() === body.regionKey.toUpperCase() || region === body.regionKey);
  if (!regionName) throw invalidParameter(`regionKey ${body.regionKey} is not a region key (such as PHX).`);
  if (record.subscriptions.some((subscription) => subscription.regionName === regionName)) throw conflict("Conflict", `The tenancy is already subscribed to ${regionName}.`);
  const subscription: RegionSubscriptionRecord = { regionName, status: "IN_PROGRESS" };
  record.subscriptions.push(subscription);
  world.dirty = true;
  world.schedule(world.config.durations.regionSubscription, "oci.identity.regionSubscribed", { tenancyId: record.id, regionName });
  return reply(renderSubscription(record, subscription));
};

export const listRegions: OciHandler = () => reply(knownRegions().map((name) => ({ key: regionKeyOf(name).toUpperCase(), name })));

export function registerTenancyEvents(world: World): void {
  world.on("oci.identity.regionSubscribed", (w, event) => {
    const subscription = tenancy(w, String(event.data.tenancyId))?.subscriptions.find((candidate) => candidate.regionName === event.data.regionName);
    if (subscription) subscription.status = "READY";
    w.dirty = true;
  });
}
