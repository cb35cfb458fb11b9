import { settings } from "../shared/config/settings";
import { type Clouds, createClouds } from "../shared/clouds/clients";
import { OciAccounts } from "../shared/clouds/oci/accounts";
import { type EventLog, TableEventLog } from "../shared/events/event-log";
import { QueueEventSink } from "../shared/events/queue-sink";
import { type EventSink } from "../shared/events/sink";
import { type AlertWebhook, HttpAlertWebhook } from "../shared/events/webhook";
import { type CreationClaims, TableCreationClaims } from "../shared/inventory/claims";
import { type InventoryStore } from "../shared/inventory/store";
import { TableInventoryStore } from "../shared/inventory/table-store";
import { vpnLinkStore } from "../shared/inventory/vpn-store";
import { type VpnLinkRecord } from "../shared/domain/vpn-link-record";
import { type RecordStore } from "../shared/inventory/store";

/**
 * The composition root: every client is built once per process, on first use, from the parsed settings.
 * Activities and triggers take what they need from here; nothing else constructs an SDK client.
 */
let inventoryStore: InventoryStore | undefined;
let claimStore: CreationClaims | undefined;
let sink: EventSink | undefined;
let cloudClients: Promise<Clouds> | undefined;
let log: EventLog | undefined;

export function inventory(): InventoryStore {
  inventoryStore ??= TableInventoryStore.fromConnectionString(settings().AzureWebJobsStorage);
  return inventoryStore;
}

let vpnStore: RecordStore<VpnLinkRecord> | undefined;

export function vpnLinks(): RecordStore<VpnLinkRecord> {
  vpnStore ??= vpnLinkStore(settings().AzureWebJobsStorage);
  return vpnStore;
}

/** Who created the resources that cannot carry Interlink's tag (the GatewaySubnet). */
export function claims(): CreationClaims {
  claimStore ??= TableCreationClaims.fromConnectionString(settings().AzureWebJobsStorage);
  return claimStore;
}

export function eventSink(): EventSink {
  sink ??= QueueEventSink.fromConnectionString(settings().AzureWebJobsStorage);
  return sink;
}

/** The events kept per interconnect, for reading back (the sink writes them). */
export function eventLog(): EventLog {
  log ??= TableEventLog.fromConnectionString(settings().AzureWebJobsStorage);
  return log;
}

export function clouds(): Promise<Clouds> {
  cloudClients ??= createClouds(settings()).catch((error: unknown) => {
    cloudClients = undefined;
    throw error;
  });
  return cloudClients;
}

let alertWebhook: AlertWebhook | null | undefined;

/** The alert webhook when ALERT_WEBHOOK_URL is set. */
export function webhook(): AlertWebhook | undefined {
  if (alertWebhook === undefined) {
    const url = settings().ALERT_WEBHOOK_URL;
    alertWebhook = url ? new HttpAlertWebhook(url, (message) => console.warn(message)) : null;
  }
  return alertWebhook ?? undefined;
}

let accounts: Promise<OciAccounts> | undefined;

/** Interlink's OCI identity and the other tenancies it holds keys for (OCI_TENANCY_CREDENTIALS), sharing the OCI rate limit. */
export function ociAccounts(): Promise<OciAccounts> {
  accounts ??= clouds()
    .then((built) => new OciAccounts(settings(), built.limiters.oci))
    .catch((error: unknown) => {
      accounts = undefined;
      throw error;
    });
  return accounts;
}
