import "./zod-messages";
import { z } from "zod";

/**
 * A cloud or store failure reported as data rather than thrown: permanent, so retrying is pointless, and
 * whoever handles it decides what happens next. Carries the cloud's own code and message.
 */
export const Failure = z.object({
  cloud: z.enum(["azure", "oci", "interlink"]),
  status: z.number().int().optional(),
  code: z.string(),
  message: z.string(),
});
export type Failure = z.infer<typeof Failure>;

/**
 * What an error thrown while acting means: retry it (maybe after a delay), or report it as a permanent
 * `Failure`. Built only by the error classifiers, which know each SDK's error shapes.
 */
export interface ClassifiedError {
  retryable: boolean;
  /**
   * The resource is busy with another operation or not provisioned yet: waiting (on a durable timer) and
   * calling again will do, so an activity whose contract has a `notReady` result returns one.
   */
  notReady?: boolean;
  retryAfterMs?: number;
  failure: Failure;
}
