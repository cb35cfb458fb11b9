import { z } from "zod";
import { AZURE_POLICY_VALUES } from "../../core/vpn-facts";
import { parseArm } from "../body";
import { badRequest } from "../errors";
import type { IpsecPolicy } from "../vpn-model";

/**
 * A connection's custom IPsec/IKE policy, checked as Azure checks it ("Configure custom IPsec/IKE connection
 * policies"): every algorithm from ARM's enums, one policy per connection, SA lifetime 300-172799 s, SA size of
 * at least 1024 KB (0 = no size limit), and a GCM IPsec cipher paired with the same GCM integrity.
 */
const Policy = z.object({
  saLifeTimeSeconds: z.number().int(),
  saDataSizeKilobytes: z.number().int(),
  ipsecEncryption: z.enum(AZURE_POLICY_VALUES.ipsecEncryption),
  ipsecIntegrity: z.enum(AZURE_POLICY_VALUES.ipsecIntegrity),
  ikeEncryption: z.enum(AZURE_POLICY_VALUES.ikeEncryption),
  ikeIntegrity: z.enum(AZURE_POLICY_VALUES.ikeIntegrity),
  dhGroup: z.enum(AZURE_POLICY_VALUES.dhGroup),
  pfsGroup: z.enum(AZURE_POLICY_VALUES.pfsGroup),
});

const SA_LIFETIME = { min: 300, max: 172799 };
const SA_MIN_KILOBYTES = 1024;

export function parseIpsecPolicies(value: unknown): IpsecPolicy[] {
  const policies = parseArm(z.array(Policy).optional(), value, "properties.ipsecPolicies") ?? [];
  if (policies.length > 1) throw badRequest("InvalidIpsecPolicies", "A connection takes at most one custom IPsec/IKE policy (properties.ipsecPolicies).");
  for (const policy of policies) {
    if (policy.saLifeTimeSeconds < SA_LIFETIME.min || policy.saLifeTimeSeconds > SA_LIFETIME.max) {
      throw badRequest("InvalidIpsecPolicySaLifeTime", `Property 'properties.ipsecPolicies[0].saLifeTimeSeconds' must be ${SA_LIFETIME.min}-${SA_LIFETIME.max} seconds; got ${policy.saLifeTimeSeconds}.`);
    }
    if (policy.saDataSizeKilobytes !== 0 && policy.saDataSizeKilobytes < SA_MIN_KILOBYTES) {
      throw badRequest("InvalidIpsecPolicySaDataSize", `Property 'properties.ipsecPolicies[0].saDataSizeKilobytes' must be 0 or at least ${SA_MIN_KILOBYTES}; got ${policy.saDataSizeKilobytes}.`);
    }
    const gcm = policy.ipsecEncryption.startsWith("GCMAES") || policy.ipsecIntegrity.startsWith("GCMAES");
    if (gcm && policy.ipsecEncryption !== policy.ipsecIntegrity) {
      throw badRequest(
        "InvalidIpsecPolicyGcmMismatch",
        `With GCM the IPsec encryption and integrity must be the same GCMAES algorithm; got ipsecEncryption ${policy.ipsecEncryption} and ipsecIntegrity ${policy.ipsecIntegrity}.`,
      );
    }
  }
  return policies;
}
