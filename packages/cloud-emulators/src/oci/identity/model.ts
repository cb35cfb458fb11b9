/**
 * What the OCI emulator's Identity service stores. Identity is global in OCI (one copy for every region a
 * tenancy subscribes to), so it lives beside the regional resources, not in them. A tenancy is also its own
 * root compartment: `compartments` holds only the compartments below roots.
 */

interface IdentityBase {
  id: string;
  /** Creation order (timestamps tie when the emulated clock is frozen). */
  seq: number;
  tenancyId: string;
  lifecycleState: "CREATING" | "ACTIVE" | "INACTIVE" | "DELETING" | "DELETED";
  timeCreated: string;
  etag: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
}

export interface RegionSubscriptionRecord {
  regionName: string;
  status: "READY" | "IN_PROGRESS";
}

export interface TenancyRecord {
  id: string;
  name: string;
  description: string;
  homeRegion: string;
  subscriptions: RegionSubscriptionRecord[];
  timeCreated: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
}

export interface CompartmentRecord extends IdentityBase {
  kind: "compartment";
  /** The parent: the tenancy (root) or another compartment. */
  compartmentId: string;
  name: string;
  description: string;
}

export interface UserRecord extends IdentityBase {
  kind: "user";
  name: string;
  description: string;
  email?: string;
}

export interface GroupRecord extends IdentityBase {
  kind: "group";
  name: string;
  description: string;
}

export interface MembershipRecord extends IdentityBase {
  kind: "membership";
  userId: string;
  groupId: string;
}

export interface PolicyRecord extends IdentityBase {
  kind: "policy";
  compartmentId: string;
  name: string;
  description: string;
  statements: string[];
  versionDate: string | null;
}

export interface ApiKeyRecord {
  /** `tenancy/user/fingerprint`, what request signatures name. */
  keyId: string;
  userId: string;
  tenancyId: string;
  fingerprint: string;
  keyValue: string;
  lifecycleState: "ACTIVE" | "INACTIVE";
  timeCreated: string;
}

export interface IdentityState {
  tenancies: Record<string, TenancyRecord>;
  compartments: Record<string, CompartmentRecord>;
  users: Record<string, UserRecord>;
  groups: Record<string, GroupRecord>;
  memberships: Record<string, MembershipRecord>;
  policies: Record<string, PolicyRecord>;
  /** By keyId. */
  apiKeys: Record<string, ApiKeyRecord>;
}

export function emptyIdentityState(): IdentityState {
  return { tenancies: {}, compartments: {}, users: {}, groups: {}, memberships: {}, policies: {}, apiKeys: {} };
}

/** Who signed a request: the user, its tenancy and the groups it is an ACTIVE member of. */
export interface Principal {
  userId: string;
  tenancyId: string;
  groupIds: string[];
}

/** The built-in group and policy every tenancy starts with. */
export const ADMINISTRATORS = "Administrators";
export const TENANT_ADMIN_POLICY = { name: "Tenant Admin Policy", statement: "ALLOW GROUP Administrators to manage all-resources IN TENANCY" } as const;
