import { z } from "zod";
import { defineActivity, okOrFailed } from "../flow/contract";
import { okFailedOrNotReady, StartedOperations } from "./common";
import { VpnAzureTarget } from "./vpn";

/**
 * The activities of point-to-site links. No input or output carries a private key: the root's is made, sealed and
 * read back inside the activities (and the HTTP route that issues client certificates), so none enters history.
 */

/** Reads the VNet and checks the client pool against its address space; creates nothing. */
export const P2sPreflightActivity = defineActivity(
  "P2sPreflightActivity",
  VpnAzureTarget.extend({ clientAddressPool: z.array(z.string()) }),
  okOrFailed({ vnetId: z.string(), location: z.string(), vnetCidrs: z.array(z.string()), warnings: z.array(z.string()) }),
);

/** The link's root certificate (kept, or made and sealed in the secret store) and the gateway's point-to-site configuration. */
export const ConfigureP2sActivity = defineActivity(
  "ConfigureP2sActivity",
  VpnAzureTarget.extend({ gatewayId: z.string(), clientAddressPool: z.array(z.string()) }),
  okFailedOrNotReady({ rootCertificateName: z.string(), rootCertificateThumbprint: z.string(), ...StartedOperations }),
);

/** Starts `generatevpnclientpackage`, or (given its operation) reads how it is going. */
export const P2sClientPackageActivity = defineActivity(
  "P2sClientPackageActivity",
  VpnAzureTarget.extend({ gatewayId: z.string(), operation: z.string().optional() }),
  okFailedOrNotReady({ url: z.string().optional(), operation: z.string().optional() }),
);

/** Removes the point-to-site configuration from the gateway (when it is the link's) and the root's private key. */
export const RemoveP2sActivity = defineActivity(
  "RemoveP2sActivity",
  VpnAzureTarget,
  okFailedOrNotReady({ configurationRemoved: z.boolean(), secretDeleted: z.boolean(), ...StartedOperations }),
);
