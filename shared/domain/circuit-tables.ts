import { z } from "zod";

/**
 * An ExpressRoute circuit's ARP or routes table read. These are ARM long-running POST actions, so a read
 * is either still running (its serialized operation, safe to keep in orchestration history: no secret) or
 * finished with its entries (IP addresses or prefixes).
 */
export const TableRead = z.union([z.object({ operation: z.string() }), z.object({ entries: z.array(z.string()) })]);
export type TableRead = z.infer<typeof TableRead>;

/** Whether any read of a set is still running (absent reads: none). */
export const anyRunning = (reads: Readonly<Record<string, TableRead>> | undefined): boolean => reads !== undefined && Object.values(reads).some((read) => "operation" in read);
export const entriesOf = (read: TableRead | undefined): string[] => (read && "entries" in read ? read.entries : []);

/**
 * The reads of the connection test: the circuit's four tables and what the VNet's gateway learned (optional: reads
 * recorded before the gateway was read have none).
 */
export const CircuitTableReads = z.object({ routesPrimary: TableRead, routesSecondary: TableRead, arpPrimary: TableRead, arpSecondary: TableRead, gatewayLearned: TableRead.optional() });
export type CircuitTableReads = z.infer<typeof CircuitTableReads>;

/** The reads of a health check: what each device learned from Oracle, and what the VNet's gateway learned. */
export const RouteTableReads = z.object({ routesPrimary: TableRead, routesSecondary: TableRead, gatewayLearned: TableRead.optional() });
export type RouteTableReads = z.infer<typeof RouteTableReads>;
