import { type z } from "zod";
import { HealthReport, InterconnectView, type OperatedView, SummaryView } from "./schemas";
import { VpnHealthView, VpnLinkView, VpnSummaryView } from "./vpn-schemas";

/**
 * A collection of records Interlink runs operations on, as the CLI drives it: where its routes are, what its
 * documents look like, and what users call one. The interconnect and VPN link commands share one implementation
 * over this.
 */
export interface Collection<V extends OperatedView = OperatedView, S extends { name: string; state: string } = { name: string; state: string }, H extends { verdict: string } = { verdict: string }> {
  /** Routes under /api/<path>. */
  path: "interconnects" | "vpn-links";
  /** One of them, in messages: "interconnect", "VPN link". */
  noun: string;
  /** The noun with its article: "an interconnect", "a VPN link". */
  one: string;
  /** How the CLI's commands for it begin, in hints: "interlink", "interlink vpn". */
  command: string;
  view: z.ZodType<V>;
  summary: z.ZodType<S>;
  health: z.ZodType<H>;
  /** Whether an operation's instance id (e.g. the last segment of a status URL) is one of `name`'s. */
  ownsInstance(instanceId: string, name: string): boolean;
}

export const INTERCONNECTS: Collection<InterconnectView, SummaryView, HealthReport> = {
  path: "interconnects",
  noun: "interconnect",
  one: "an interconnect",
  command: "interlink",
  view: InterconnectView,
  summary: SummaryView,
  health: HealthReport,
  ownsInstance: (instanceId, name) => instanceId.startsWith(`${name}.`),
};

export const VPN_LINKS: Collection<VpnLinkView, VpnSummaryView, VpnHealthView> = {
  path: "vpn-links",
  noun: "VPN link",
  one: "a VPN link",
  command: "interlink vpn",
  view: VpnLinkView,
  summary: VpnSummaryView,
  health: VpnHealthView,
  ownsInstance: (instanceId, name) => instanceId.startsWith(`vpn.${name}.`),
};

/** Every collection, the one whose instance ids are the most specific first (a 202 is matched to the first that owns its id). */
export const COLLECTIONS: Collection[] = [VPN_LINKS as Collection, INTERCONNECTS as Collection];
