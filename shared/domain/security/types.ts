/** Port range as OCI writes it; Azure's text form is `min-max` or `*`. */
export interface PortRange {
  min: number;
  max: number;
}

/** An Azure NSG security rule in the shape the ARM API takes (`properties` flattened). */
export interface AzureSecurityRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: "Tcp" | "Udp" | "Icmp" | "*";
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  sourcePortRange: string;
  destinationPortRange: string;
  description?: string;
}

export interface OciPortOptions {
  sourcePortRange?: PortRange;
  destinationPortRange?: PortRange;
}

/** An OCI security rule usable as an NSG rule (with `direction`) or a security-list rule. */
export interface OciSecurityRule {
  direction: "INGRESS" | "EGRESS";
  protocol: "all" | "1" | "6" | "17" | string;
  source?: string;
  sourceType?: "CIDR_BLOCK" | string;
  destination?: string;
  destinationType?: "CIDR_BLOCK" | string;
  isStateless: boolean;
  tcpOptions?: OciPortOptions;
  udpOptions?: OciPortOptions;
  icmpOptions?: { type: number; code?: number };
  description?: string;
}

/** A security-list rule: the list it sits in gives its direction. */
export type SecurityListRule = Omit<OciSecurityRule, "direction">;

export interface SecurityRulePlan {
  azure: AzureSecurityRule[];
  oci: OciSecurityRule[];
  notes: string[];
}

export interface SecurityFinding {
  severity: "high" | "medium" | "low";
  code: string;
  resourceId: string;
  resourceName: string;
  rule: string;
  message: string;
  recommendation: string;
}

export const OCI_PROTOCOL = { tcp: "6", udp: "17", icmp: "1", all: "all" } as const;
export const ANY_IPV4 = "0.0.0.0/0";
