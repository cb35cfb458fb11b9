import { z } from "zod";
import { jsonBody, type EmulatorReply, type EmulatorRequest } from "../core/http";
import { JournalFilter } from "../core/journal";
import type { World } from "../core/world";
import { handleOciAdmin, OciAdminError } from "./admin-oci";
import { CloneError, CloneRequest, cloneResources } from "./clone";
import { findOrphans } from "./orphans";
import { applyOutOfBand, OutOfBandAction, OutOfBandError } from "./out-of-band";
import { takeSnapshot } from "./snapshot";
import { handleVpnAdmin } from "./vpn-admin";
import { normaliseRegions } from "../azure-arm/regions";

export const ADMIN_PREFIX = "/__emulator/";

export interface AdminContext {
  world: World;
  /** Puts back what start made (the default tenancy and its key, `ociTenancies`) after a reset. */
  afterReset?: () => void;
  /** Endpoints and files, for `GET /__emulator/info`. */
  info: () => Record<string, unknown>;
}

const Advance = z.object({ ms: z.number().nonnegative() });
/** Settings that may change while the emulators run. */
export const EmulatorSettingsChange = z.object({ gatewayPublicIpRequired: z.union([z.boolean(), z.array(z.string().min(1))]).optional() }).strict();
export type EmulatorSettingsChange = z.infer<typeof EmulatorSettingsChange>;

function ok(json: unknown, status = 200): EmulatorReply {
  return { status, json };
}

function bad(message: string, status = 400): EmulatorReply {
  return { status, json: { error: message } };
}

export function clockView(world: World): Record<string, unknown> {
  world.settle();
  const next = world.pendingEvents()[0];
  return { now: new Date(world.now).toISOString(), nowMs: world.now, timeScale: world.clock.scale, pendingEvents: world.pendingEvents().length, nextEventAt: next ? new Date(next.at).toISOString() : null };
}

function body(req: EmulatorRequest): unknown {
  return jsonBody(req) ?? {};
}

/** The unauthenticated admin API served under `/__emulator/` on both ports. */
export function handleAdmin(context: AdminContext, req: EmulatorRequest): EmulatorReply {
  const { world } = context;
  const path = req.url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, "");
  const route = `${req.method} ${path}`;
  try {
    switch (route) {
      case "GET info":
        return ok(context.info());
      case "POST reset":
        world.reset();
        context.afterReset?.();
        world.faults.clear();
        world.journal.clear();
        return ok({ reset: true });
      case "GET snapshot":
        return ok(takeSnapshot(world));
      case "GET journal":
        return ok({ entries: world.journal.list(JournalFilter.parse(Object.fromEntries(req.url.searchParams))) });
      case "DELETE journal":
        world.journal.clear();
        return ok({ cleared: true });
      case "GET clock":
        return ok(clockView(world));
      case "POST clock/advance":
        world.settle();
        world.clock.advance(Advance.parse(body(req)).ms);
        world.settle();
        return ok(clockView(world));
      case "GET faults":
        return ok({ rules: world.faults.list() });
      case "POST faults": {
        const input = body(req) as { rules?: unknown };
        const rules = Array.isArray(input.rules) ? input.rules : [input];
        return ok({ rules: rules.map((rule) => world.faults.add(rule)) }, 201);
      }
      case "DELETE faults":
        world.faults.clear();
        return ok({ rules: [] });
      case "POST oob":
        world.settle();
        applyOutOfBand(world, OutOfBandAction.parse(body(req)));
        world.changed();
        return ok({ applied: true });
      case "GET settings":
        return ok({ gatewayPublicIpRequired: world.config.gatewayPublicIpRequired });
      case "POST settings": {
        const change = EmulatorSettingsChange.parse(body(req));
        if (change.gatewayPublicIpRequired !== undefined) world.config.gatewayPublicIpRequired = normaliseRegions(change.gatewayPublicIpRequired);
        return ok({ gatewayPublicIpRequired: world.config.gatewayPublicIpRequired });
      }
      case "POST clone":
        return ok(cloneResources(world, CloneRequest.parse(body(req))), 201);
      case "GET orphans": {
        world.settle();
        const owners = req.url.searchParams.get("owners");
        return ok({ orphans: findOrphans(world, owners === null ? undefined : owners.split(",").filter(Boolean)) });
      }
    }
    if (route.startsWith("GET oci/") || route.startsWith("POST oci/") || route === "GET reachability") {
      world.settle();
      const answer = handleOciAdmin(world, route, req);
      if (answer) return answer;
    }
    const vpn = handleVpnAdmin(world, req, path);
    if (vpn) return vpn;
    const faultId = /^faults\/(.+)$/.exec(path)?.[1];
    if (req.method === "DELETE" && faultId) return world.faults.remove(decodeURIComponent(faultId)) ? ok({ removed: faultId }) : bad(`no fault rule ${faultId}`, 404);
    return bad(`no admin route ${route}`, 404);
  } catch (error) {
    if (error instanceof z.ZodError) return bad(error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
    if (error instanceof OutOfBandError || error instanceof OciAdminError || error instanceof CloneError || error instanceof SyntaxError || error instanceof RangeError) return bad(error.message);
    throw error;
  }
}
