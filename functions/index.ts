// Entry point named by package.json "main": the composition root. Triggers register themselves on import;
// activities are built here over the process's clients (created once, on first use) and registered.
import "./startup";
import { createEventActivities } from "./activities/events";
import { createHealthActivities } from "./activities/health";
import { createInventoryActivities } from "./activities/inventory";
import { createNetworkActivities } from "./activities/network";
import { createPeeringActivities } from "./activities/peering";
import { createPermissionActivities } from "./activities/permissions";
import { registerActivities } from "./activities/register";
import { createVpnOperateActivities, createVpnRecordActivities } from "./activities/vpn/operate";
import { createVpnSetupActivities } from "./activities/vpn/setup";
import { createP2sActivities } from "./activities/vpn/p2s";
import { createVnet2VnetActivities } from "./activities/vpn/vnet2vnet";
import { claims, clouds, eventSink, inventory, ociAccounts, secretStore, vpnLinks, webhook } from "./runtime";
import "./orchestrators";
import "./http/interconnects";
import "./http/openapi";
import "./queue/requests";
import "./http/policies";
import "./http/policy-access";
import "./timer/health";
import "./http/health";
import "./http/vpn-links";
import "./http/vpn-client-certificates";
import "./http/events";
import "./http/console";

registerActivities(
  createInventoryActivities(inventory),
  createEventActivities(eventSink),
  createNetworkActivities({ clouds, inventory, claims }),
  createHealthActivities({ clouds, inventory, events: eventSink, webhook, vpnLinks }),
  createPermissionActivities({ accounts: ociAccounts }),
  createPeeringActivities({ accounts: ociAccounts, clouds }),
  createVpnRecordActivities(vpnLinks),
  createVpnSetupActivities({ clouds, inventory, claims }),
  createVpnOperateActivities({ clouds, inventory, claims }),
  createVnet2VnetActivities({ clouds, inventory, claims }),
  createP2sActivities({ clouds, inventory, claims, secrets: secretStore }),
);
