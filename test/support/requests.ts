import designExample from "../fixtures/design-example.json";
import { type SetupRequestInput } from "../../shared/domain/setup-request";

/**
 * A fresh deep copy of the example request, typed as schema input, optionally changed. Its security rules bind to
 * nothing (options.allowUnboundRules), so that several interconnects share the example's VNet in one stack: the
 * example binds them to the VNet's `app` subnet, which one interconnect's NSG holds at a time. `boundRequest` keeps it.
 */
export function designRequest(change?: (request: SetupRequestInput) => void): SetupRequestInput {
  const copy = boundRequest();
  delete copy.azure.appSubnets;
  delete copy.oci.subnetIds;
  copy.options = { ...copy.options, allowUnboundRules: true };
  change?.(copy);
  return copy;
}

/** The example request as it is, its security rules bound to the VNet's `app` subnet and the VCN's `subnet-db`. */
export function boundRequest(change?: (request: SetupRequestInput) => void): SetupRequestInput {
  const copy = structuredClone(designExample) as SetupRequestInput;
  change?.(copy);
  return copy;
}
