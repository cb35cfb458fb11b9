import designExample from "../fixtures/design-example.json";
import { type SetupRequestInput } from "../../shared/domain/setup-request";

/** A fresh deep copy of DESIGN.md's example request, typed as schema input, optionally changed. */
export function designRequest(change?: (request: SetupRequestInput) => void): SetupRequestInput {
  const copy = structuredClone(designExample) as SetupRequestInput;
  change?.(copy);
  return copy;
}
