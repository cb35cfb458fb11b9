import { settings } from "../shared/config/settings";
import { type Clouds, createClouds } from "../shared/clouds/clients";
import { OciAccounts } from "../shared/clouds/oci/accounts";
import { type EventLog, TableEventLog } from "../shared/events/event-log";
import { QueueEventSink } from "../shared/events/queue-sink";
import { type EventSink } from "../shared/events/sink";
import { type AlertWebhook, HttpAlertWebhook } from "../shared/events/webhook";
import { type CreationClaims, TableCreationClaims } from "../shared/inventory/claims";
import { ListingCache } from "../shared/inventory/listing-cache";
import { type InventoryStore } from "../shared/inventory/store";
import { TableInventoryStore } from "../shared/inventory/table-store";
import { vpnLinkStore } from "../shared/inventory/vpn-store";
import { type VpnLinkRecord } from "../shared/domain/vpn-link-record";
import { type RecordStore } from "../shared/inventory/store";
import { Table } from "../shared/inventory/tables";
import { SecretSealer } from "../shared/secrets/sealing";
import { type SecretStore } from "../shared/secrets/store";
import { TableSecretStore } from "../shared/secrets/table-store";
import { randomBytes } from "node:crypto";

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
  inventoryStore ??= new ListingCache(TableInventoryStore.fromConnectionString(settings().AzureWebJobsStorage));
  return inventoryStore;
}

let vpnStore: RecordStore<VpnLinkRecord> | undefined;

export function vpnLinks(): RecordStore<VpnLinkRecord> {
  vpnStore ??= vpnLinkStore(settings().AzureWebJobsStorage);
  return vpnStore;
}

let secrets: SecretStore | undefined;

/** The secret store (SECRET_STORE); offline without SECRET_STORE_KEY its key lives as long as the process. */
export function secretStore(): SecretStore {
  if (!secrets) {
    const { SECRET_STORE_KEY: key, CLOUD_MODE: mode, AzureWebJobsStorage: storage } = settings();
    if (!key && mode !== "emulator") throw new Error("SECRET_STORE_KEY is not set: point-to-site links keep their root certificate's private key sealed with it");
    secrets = new TableSecretStore(Table.fromConnectionString(storage, "InterlinkSecrets"), new SecretSealer(key ?? randomBytes(32).toString("base64")));
  }
  return secrets;
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
