import { createCircuitActivities } from "./circuits";
import { type NetworkDeps } from "./context";
import { createPreflightActivities } from "./preflight";
import { createRoutingActivities } from "./routing";
import { createSecurityActivities } from "./security";
import { createSpokeActivities } from "./spokes";
import { createTeardownActivities } from "./teardown";

export { type NetworkDeps };

/** Every activity that reads or changes the networks, built over the clouds' ports and the inventory. */
export function createNetworkActivities(deps: NetworkDeps) {
  return {
    ...createPreflightActivities(deps),
    ...createSecurityActivities(deps),
    ...createCircuitActivities(deps),
    ...createRoutingActivities(deps),
    ...createTeardownActivities(deps),
    ...createSpokeActivities(deps),
  };
}
