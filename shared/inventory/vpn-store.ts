import { TableClient } from "@azure/data-tables";
import { VpnLinkRecord } from "../domain/vpn-link-record";
import { type RecordStore } from "./store";
import { TableRecordStore } from "./table-store";

/**
 * VPN links in their own table, laid out like the interconnects. No key is ever stored: shared keys live in the
 * clouds only (OCI's tunnels, read back by the activity that sets Azure's side).
 */
export function vpnLinkStore(connectionString: string, tableName = "vpnlinks"): RecordStore<VpnLinkRecord> {
  return new TableRecordStore(TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true }), {
    partition: "vpnlink",
    parse: (raw) => VpnLinkRecord.parse(raw),
    jsonColumns: ["spec", "resources", "operations", "steps", "warnings", "lastHealth"],
  });
}
