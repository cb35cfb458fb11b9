import { z } from "zod";
import { type ChangePlan } from "../../shared/domain/change-plan";
import { type InterconnectPlan } from "../../shared/domain/dry-run";
import { PolicySet } from "../../shared/domain/iam";

/**
 * Schemas of responses whose shapes are domain interfaces rather than zod schemas, so the OpenAPI document can
 * publish them. `planMatchesSchema` below fails to compile when the plan and this schema drift apart in type;
 * the OpenAPI test validates a real plan against the published JSON Schema (which refuses unknown fields).
 */

/** RFC 9457 problem details with Interlink's field errors. */
export const ProblemDocument = z
  .object({
    type: z.string().describe("A URI naming the kind of problem, e.g. https://interlink.dev/problems/validation."),
    title: z.string().describe("A short summary of the kind of problem."),
    status: z.number().int().describe("The HTTP status code."),
    detail: z.string().describe("What went wrong in this case; for one invalid field, `<field>: <rule>`."),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string().describe("Dotted path of the field, e.g. azure.vnet.addressSpaces[0]; empty for the whole body."), message: z.string().describe("The rule it breaks.") }))
      .describe("Every invalid field with the rule it breaks; empty when the problem is not about one field."),
  })
  .describe("application/problem+json (RFC 9457) with the list of invalid fields.");

export const StartAccepted = z
  .object({
    name: z.string().describe("The interconnect."),
    operation: z.enum(["setup", "teardown", "resize", "suspend", "resume", "update"]),
    instanceId: z.string().describe("The operation's instance id, `<name>.<operation>.<sequence>`."),
    replayed: z.boolean().describe("True when this request repeats one already accepted: the existing operation is reported and nothing new starts."),
    statusUri: z.string().describe("Where to follow the operation (also the Location header): GET it until `done` is true."),
    interconnectUri: z.string().describe("The interconnect's own route."),
  })
  .describe("202 Accepted: the operation started (or was already running). Location and statusUri point at Interlink's operation status route.");

const PlannedResource = z.object({
  cloud: z.enum(["azure", "oci"]),
  kind: z.string().describe("Resource type, e.g. expressRouteCircuit, virtualCircuit."),
  name: z.string().describe("The name (or OCID) it has or will have."),
  action: z.enum(["read", "create", "create-if-missing", "reuse", "update", "delete", "delete-if-unused", "wait", "check"]),
  tags: z.record(z.string(), z.string()).optional().describe("Tags Interlink puts on what it creates (interlink=<name>, interlink-ticket=<ticket>)."),
  properties: z.record(z.string(), z.unknown()).optional().describe("The settings it will send or wait for."),
});

const PlannedStep = z.object({
  id: z.string(),
  title: z.string(),
  dependsOn: z.array(z.string()).describe("Steps that must end before this one starts."),
  resources: z.array(PlannedResource),
});

const BgpSession = z.object({ block: z.string(), oracleBgpPeeringIp: z.string(), customerBgpPeeringIp: z.string(), azurePeerAddressPrefix: z.string(), oracleAddress: z.string(), azureAddress: z.string() });

const AzureSecurityRule = z.object({
  name: z.string(),
  priority: z.number().int(),
  direction: z.enum(["Inbound", "Outbound"]),
  access: z.enum(["Allow", "Deny"]),
  protocol: z.enum(["Tcp", "Udp", "Icmp", "*"]),
  sourceAddressPrefixes: z.array(z.string()),
  destinationAddressPrefixes: z.array(z.string()),
  sourcePortRange: z.string(),
  destinationPortRange: z.string(),
  description: z.string().optional(),
});

const PortRange = z.object({ min: z.number().int(), max: z.number().int() });
const PortOptions = z.object({ sourcePortRange: PortRange.optional(), destinationPortRange: PortRange.optional() });

const OciSecurityRule = z.object({
  direction: z.enum(["INGRESS", "EGRESS"]),
  protocol: z.string().describe("all, 1 (ICMP), 6 (TCP) or 17 (UDP)."),
  source: z.string().optional(),
  sourceType: z.string().optional(),
  destination: z.string().optional(),
  destinationType: z.string().optional(),
  isStateless: z.boolean(),
  tcpOptions: PortOptions.optional(),
  udpOptions: PortOptions.optional(),
  icmpOptions: z.object({ type: z.number().int(), code: z.number().int().optional() }).optional(),
  description: z.string().optional(),
});

export const PlanResponse = z
  .object({
    name: z.string(),
    ticketId: z.string().optional(),
    bgp: z.object({ primary: BgpSession, secondary: BgpSession }).describe("The BGP addresses derived from the two /30 blocks."),
    setup: z.array(PlannedStep).describe("The setup steps in order, with what each one creates, changes, waits for or checks."),
    teardown: z.array(PlannedStep).describe("The teardown steps in order."),
    warnings: z.array(z.string()).describe("Things to check before running it (unconfirmed region pairs, omitted fields read at preflight, notes)."),
    iamPolicies: PolicySet.describe("The OCI IAM policies the identity running Interlink needs, and where to attach them."),
    securityRules: z
      .object({ azure: z.array(AzureSecurityRule), oci: z.array(OciSecurityRule), notes: z.array(z.string()) })
      .describe("The security rules for exactly the declared traffic, on both sides."),
    ruleBindings: z
      .array(
        z.object({
          rule: z.string().describe("The traffic rule, e.g. traffic[0] azure -> oci tcp 1521."),
          azure: z.array(z.string()).describe("The Azure subnets (through their NSGs) its rules protect; empty: none (options.allowUnboundRules)."),
          oci: z.array(z.string()).describe("The OCI subnets (through their security lists) and VNICs (through Interlink's NSG) its rules protect; empty: none."),
        }),
      )
      .describe("For each declared traffic rule, which subnets and VNICs its security rules protect on each side."),
  })
  .describe("The dry run: everything a setup would do, computed from the request alone. Nothing is touched.");

export const ChangePlanResponse = z
  .object({
    name: z.string(),
    steps: z
      .array(z.object({ id: z.string(), title: z.string(), dependsOn: z.array(z.string()), add: z.array(PlannedResource), remove: z.array(PlannedResource) }))
      .describe("The steps of the change in order, with what each adds and removes (spoke peerings, peered VCNs and what Interlink builds for them, VCN route rules and route tables, app subnet associations, security rules)."),
    unchanged: z.array(z.string()).describe("What the change never writes to: both circuits, BGP and the gateway connection."),
    warnings: z.array(z.string()),
  })
  .describe("The preview of a topology change (PATCH with spokes, app subnets, peered VCNs, VCN route tables or traffic rules), computed from the stored spec and the change. Nothing is touched.");

/** Compile-time check that a change plan fits the published schema. */
export const changePlanMatchesSchema = (plan: ChangePlan): z.input<typeof ChangePlanResponse> => plan;

/** Compile-time check that a plan fits the published schema. */
export const planMatchesSchema = (plan: InterconnectPlan): z.input<typeof PlanResponse> => plan;
