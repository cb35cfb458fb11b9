import { type IdentityClient, type models, type requests } from "oci-identity";
import { allPages } from "./calls";
import { type CompartmentNode, type LivePolicy, type TenancyView } from "../../domain/iam/evaluate";
import { classifyCloudError } from "../errors";
import { type RateLimiter } from "../rate-limit";

export interface PolicyRecord extends LivePolicy {
  id: string;
  description: string;
  etag: string;
}

/** What Interlink reads and writes in OCI Identity: who it is, a tenancy's policies, and its own policies. */
export interface OciIdentityPort {
  /** The signing user and its tenancy (from the credentials, not a request). */
  principal(): { tenancyId: string; userId: string } | undefined;
  /** The groups a user of the tenancy belongs to (users may read their own memberships without a policy). */
  /**
   * The user's groups. `listed`, consulted only when the user is in some group, may name them (the tenancy's groups
   * the caller reads anyway); a group it does not name is read.
   */
  groupsOf(tenancyId: string, userId: string, listed?: () => Promise<ReadonlyArray<{ id: string; name: string }> | undefined>): Promise<Array<{ id: string; name: string }>>;
  /** The compartment tree, groups and every policy of a tenancy. */
  readTenancy(tenancyId: string): Promise<TenancyView>;
  findPolicy(compartmentId: string, name: string): Promise<PolicyRecord | null>;
  createPolicy(policy: { compartmentId: string; name: string; description: string; statements: string[] }, retryToken: string): Promise<PolicyRecord>;
  updatePolicy(policyId: string, statements: string[], etag: string): Promise<PolicyRecord>;
  /** Regions the tenancy is subscribed to (READY). */
  subscribedRegions(tenancyId: string): Promise<string[]>;
}

function record(policy: models.Policy, etag: string | undefined): PolicyRecord {
  return { id: policy.id, name: policy.name, description: policy.description, tenancyId: "", compartmentId: policy.compartmentId, statements: policy.statements, etag: etag ?? policy.id };
}

/** OciIdentityPort over oci-identity's IdentityClient, paced by the OCI rate limiter. */
export class OciIdentity implements OciIdentityPort {
  constructor(
    private readonly client: IdentityClient,
    private readonly limiter: RateLimiter,
    private readonly who: { tenancyId: string; userId: string } | undefined,
  ) {}

  principal() {
    return this.who;
  }

  async groupsOf(tenancyId: string, userId: string, listed?: () => Promise<ReadonlyArray<{ id: string; name: string }> | undefined>) {
    const memberships = await this.all((page) => this.client.listUserGroupMemberships({ compartmentId: tenancyId, userId, ...(page ? { page } : {}) }));
    const ids = new Set(memberships.filter((membership) => String(membership.lifecycleState) === "ACTIVE").map((membership) => membership.groupId));
    const known = ids.size > 0 && listed ? ((await listed()) ?? []) : [];
    const groups = await Promise.all([...ids].map(async (groupId) => known.find((group) => group.id === groupId) ?? (await this.call(() => this.client.getGroup({ groupId }))).group));
    return groups.map((group) => ({ id: group.id, name: group.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  async readTenancy(tenancyId: string): Promise<TenancyView> {
    const compartments = await this.all((page) =>
      this.client.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, accessLevel: "ANY" as requests.ListCompartmentsRequest.AccessLevel, ...(page ? { page } : {}) }),
    );
    const live = compartments.filter((compartment) => String(compartment.lifecycleState) === "ACTIVE");
    const nodes: CompartmentNode[] = live.map((compartment) => ({ id: compartment.id, name: compartment.name, parentId: compartment.compartmentId }));
    const groups = await this.all((page) => this.client.listGroups({ compartmentId: tenancyId, ...(page ? { page } : {}) }));
    const policies = (await Promise.all([tenancyId, ...nodes.map((node) => node.id)].map((compartmentId) => this.all((page) => this.client.listPolicies({ compartmentId, ...(page ? { page } : {}) }))))).flat();
    return {
      tenancyId,
      compartments: nodes,
      groups: groups.map((group) => ({ id: group.id, name: group.name })),
      policies: policies.filter((policy) => String(policy.lifecycleState) === "ACTIVE").map((policy) => ({ name: policy.name, tenancyId, compartmentId: policy.compartmentId, statements: policy.statements })),
    };
  }

  async findPolicy(compartmentId: string, name: string): Promise<PolicyRecord | null> {
    const policies = await this.all((page) => this.client.listPolicies({ compartmentId, name, ...(page ? { page } : {}) }));
    const match = policies.find((policy) => policy.name === name && String(policy.lifecycleState) === "ACTIVE");
    if (!match) return null;
    const current = await this.call(() => this.client.getPolicy({ policyId: match.id }));
    return record(current.policy, current.etag);
  }

  async createPolicy(policy: { compartmentId: string; name: string; description: string; statements: string[] }, retryToken: string): Promise<PolicyRecord> {
    const response = await this.call(() => this.client.createPolicy({ createPolicyDetails: policy, opcRetryToken: retryToken }));
    return record(response.policy, response.etag);
  }

  async updatePolicy(policyId: string, statements: string[], etag: string): Promise<PolicyRecord> {
    const response = await this.call(() => this.client.updatePolicy({ policyId, ifMatch: etag, updatePolicyDetails: { statements } }));
    return record(response.policy, response.etag);
  }

  async subscribedRegions(tenancyId: string): Promise<string[]> {
    const response = await this.call(() => this.client.listRegionSubscriptions({ tenancyId }));
    return response.items.filter((item) => String(item.status) === "READY").map((item) => item.regionName);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    await this.limiter.acquire();
    try {
      return await request();
    } catch (error) {
      const classified = classifyCloudError(error);
      if (classified.failure.status === 429) this.limiter.pause(classified.retryAfterMs ?? 1000);
      throw error;
    }
  }

  private all<T>(list: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>): Promise<T[]> {
    return allPages((request) => this.call(request), list);
  }
}
