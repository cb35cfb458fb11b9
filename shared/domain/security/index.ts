export * from "./types";
export { planSecurityRules, toSecurityListRules, type SecurityPlanInput } from "./plan";
export { auditOciSecurity, auditAzureNsg, type OciSecurityListView, type OciNsgView, type AzureNsgView } from "./audit";
export { diffAzureRules, diffOciRules, hasDrift, type RuleDrift } from "./drift";
export { formatSecurityPlanText, formatFindingText } from "./format";
