import { VpnLinkRequest } from "../../shared/domain/vpn-link";
import { P2S_TEARDOWN_STEPS, VNET2VNET_TEARDOWN_STEPS, VPN_TEARDOWN_STEPS } from "../../shared/domain/vpn-link-record";
import { VPN_LINKS } from "../api/collections";
import { type VpnHealthView, type VpnLinkView, type VpnSummaryView } from "../api/vpn-schemas";
import { formatVpnHealth, formatVpnLink, formatVpnList } from "../live/vpn-text";
import { type ResourceCli } from "./resource-cli";

const TEARDOWN_BY_TYPE = { "azure-oci": VPN_TEARDOWN_STEPS, "vnet-to-vnet": VNET2VNET_TEARDOWN_STEPS, "point-to-site": P2S_TEARDOWN_STEPS } as const;

export const VPN_CLI: ResourceCli<VpnLinkView, VpnSummaryView, VpnHealthView> = {
  collection: VPN_LINKS,
  plural: "VPN links",
  listText: formatVpnList,
  detailText: formatVpnLink,
  healthText: formatVpnHealth,
  healthNow: "check the tunnels, BGP and learned routes now and record it",
  teardownSteps: (view) => {
    const spec = VpnLinkRequest.safeParse(view.spec);
    return spec.success ? TEARDOWN_BY_TYPE[spec.data.type] : [];
  },
  destroyWarning: "Traffic over it stops, and what Interlink created for it is deleted; there is no undo.",
};
