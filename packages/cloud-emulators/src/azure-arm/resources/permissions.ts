import type { ArmHandler } from "../kinds";

/**
 * GET `.../resourceGroups/{rg}/providers/Microsoft.Authorization/permissions`: what the caller may do there. The
 * emulator does not enforce roles; it reports what an out-of-band `setPermissions` set (everything by default),
 * so a permission check can be tested. A refusal of a call itself is a fault rule (error 403 AuthorizationFailed).
 */
export const listPermissions: ArmHandler = (call) => {
  const permissions = call.world.state.azure.permissions ?? [{ actions: ["*"], notActions: [] }];
  return { status: 200, json: { value: permissions.map((entry) => ({ ...entry, dataActions: [], notDataActions: [] })) } };
};
