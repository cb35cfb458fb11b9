import type { World } from "../../core/world";
import { identityOf } from "./store";

/** What `GET /__emulator/oci/identity` shows: every identity object, API keys by fingerprint only. */
export function identityView(world: World): Record<string, unknown> {
  const identity = identityOf(world);
  return {
    tenancies: Object.values(identity.tenancies),
    compartments: Object.values(identity.compartments),
    users: Object.values(identity.users),
    groups: Object.values(identity.groups),
    memberships: Object.values(identity.memberships),
    policies: Object.values(identity.policies),
    apiKeys: Object.values(identity.apiKeys).map(({ keyId, userId, tenancyId, fingerprint, lifecycleState }) => ({ keyId, userId, tenancyId, fingerprint, lifecycleState })),
  };
}

