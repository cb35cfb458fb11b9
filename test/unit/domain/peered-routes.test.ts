import { planPeeredVcnRoutes, type PeeredRoutesInput } from "../../../shared/domain/peered-routes";

const HUB = "att-hub";
const base: PeeredRoutesInput = {
  peeredVcns: [{ vcnId: "vcn-spoke", cidrs: ["10.30.0.0/16", "10.31.0.0/16"] }],
  vcnId: "vcn-hub",
  attachments: [{ id: HUB, vcnId: "vcn-hub" }],
  existing: [],
  advertise: true,
};

describe("planPeeredVcnRoutes", () => {
  it("when a peered VCN is reached through the hub VCN, then each of its CIDRs gets a static rule to the hub attachment", () => {
    expect(planPeeredVcnRoutes(base)).toEqual({
      add: [
        { destination: "10.30.0.0/16", nextHopDrgAttachmentId: HUB },
        { destination: "10.31.0.0/16", nextHopDrgAttachmentId: HUB },
      ],
      keep: [],
      removeIds: [],
      conflicts: [],
    });
  });

  it("when the peered VCN is attached to the same DRG, then the DRG advertises it already and no rule is added", () => {
    expect(planPeeredVcnRoutes({ ...base, attachments: [{ id: HUB, vcnId: "vcn-hub" }, { id: "att-spoke", vcnId: "vcn-spoke" }] }).add).toEqual([]);
  });

  it("when the rules are already there, then nothing changes (a retried step is a no-op)", () => {
    const existing = [
      { id: "r1", destination: "10.30.0.0/16", nextHopDrgAttachmentId: HUB },
      { id: "r2", destination: "10.31.0.0/16", nextHopDrgAttachmentId: HUB },
    ];
    expect(planPeeredVcnRoutes({ ...base, existing })).toEqual({ add: [], keep: existing, removeIds: [], conflicts: [] });
  });

  it("when a topology change took a peered VCN out, then its rule to the hub attachment is withdrawn and another's rule for that CIDR is not", () => {
    const existing = [
      { id: "r1", destination: "10.30.0.0/16", nextHopDrgAttachmentId: HUB },
      { id: "r5", destination: "10.40.0.0/16", nextHopDrgAttachmentId: HUB },
      { id: "r6", destination: "10.50.0.0/16", nextHopDrgAttachmentId: "att-other" },
    ];
    const attachments = [{ id: HUB, vcnId: "vcn-hub" }, { id: "att-other" }];
    const plan = planPeeredVcnRoutes({ ...base, peeredVcns: [{ vcnId: "vcn-spoke", cidrs: ["10.30.0.0/16"] }], attachments, existing, withdrawn: ["10.40.0.0/16", "10.50.0.0/16"] });
    expect(plan).toEqual({ add: [], keep: [existing[0]], removeIds: ["r5"], conflicts: [] });
  });

  it("when a declared CIDR is already routed to another live attachment, then it is a conflict and is left alone", () => {
    const plan = planPeeredVcnRoutes({ ...base, attachments: [{ id: HUB, vcnId: "vcn-hub" }, { id: "att-other" }], existing: [{ id: "r9", destination: "10.30.0.0/16", nextHopDrgAttachmentId: "att-other" }] });
    expect(plan.conflicts).toEqual([{ destination: "10.30.0.0/16", nextHopDrgAttachmentId: "att-other" }]);
    expect(plan.add).toEqual([{ destination: "10.31.0.0/16", nextHopDrgAttachmentId: HUB }]);
    expect(plan.removeIds).toEqual([]);
  });

  it("when the VCN is not attached yet (preflight), then a declared CIDR routed to another live attachment is still a conflict", () => {
    const plan = planPeeredVcnRoutes({ ...base, attachments: [{ id: "att-other" }], existing: [{ id: "r9", destination: "10.31.0.0/16", nextHopDrgAttachmentId: "att-other" }] });
    expect(plan).toEqual({ add: [], keep: [], removeIds: [], conflicts: [{ destination: "10.31.0.0/16", nextHopDrgAttachmentId: "att-other" }] });
  });

  it("when withdrawing, then only Interlink's rules go: declared CIDRs to the hub or to a detached attachment, never foreign ones", () => {
    const existing = [
      { id: "mine", destination: "10.30.0.0/16", nextHopDrgAttachmentId: HUB },
      { id: "leftover", destination: "10.31.0.0/16", nextHopDrgAttachmentId: "att-gone" },
      { id: "foreign-cidr", destination: "172.16.0.0/16", nextHopDrgAttachmentId: HUB },
    ];
    expect(planPeeredVcnRoutes({ ...base, existing, advertise: false })).toEqual({ add: [], keep: [], removeIds: ["mine", "leftover"], conflicts: [] });
  });

  it("when a CIDR is no longer declared as peered, then its rule is not touched (it is not provably ours)", () => {
    const existing = [{ id: "old", destination: "10.40.0.0/16", nextHopDrgAttachmentId: HUB }];
    expect(planPeeredVcnRoutes({ ...base, existing }).removeIds).toEqual([]);
  });

  it("when the hub attachment is gone, then nothing is added and leftovers are cleared", () => {
    const existing = [{ id: "leftover", destination: "10.30.0.0/16", nextHopDrgAttachmentId: "att-gone" }];
    expect(planPeeredVcnRoutes({ ...base, attachments: [], existing })).toEqual({ add: [], keep: [], removeIds: ["leftover"], conflicts: [] });
  });

  it("when a peered VCN's rules are the peering's business (remote, attached), then its CIDRs are neither added, kept, withdrawn nor conflicts here", () => {
    const existing = [{ id: "rpc-rule", destination: "10.41.0.0/16", nextHopDrgAttachmentId: "att-rpc-not-listed" }];
    const input: PeeredRoutesInput = { ...base, peeredVcns: [...base.peeredVcns, { vcnId: "vcn-far", cidrs: ["10.41.0.0/16"], nextHopDrgAttachmentId: null }], existing };
    expect(planPeeredVcnRoutes(input)).toEqual({
      add: [
        { destination: "10.30.0.0/16", nextHopDrgAttachmentId: HUB },
        { destination: "10.31.0.0/16", nextHopDrgAttachmentId: HUB },
      ],
      keep: [],
      removeIds: [],
      conflicts: [],
    });
    expect(planPeeredVcnRoutes({ ...input, advertise: false }).removeIds).toEqual([]);
  });

  it("when a peered VCN names its own next hop, then its CIDRs go there and a rule to that hop is Interlink's to keep or withdraw", () => {
    const peeredVcns = [{ vcnId: "vcn-spoke", cidrs: ["10.30.0.0/16"], nextHopDrgAttachmentId: "att-own" }];
    const existing = [{ id: "mine", destination: "10.30.0.0/16", nextHopDrgAttachmentId: "att-own" }];
    const attachments = [{ id: HUB, vcnId: "vcn-hub" }, { id: "att-own" }];
    expect(planPeeredVcnRoutes({ ...base, peeredVcns, attachments })).toMatchObject({ add: [{ destination: "10.30.0.0/16", nextHopDrgAttachmentId: "att-own" }] });
    expect(planPeeredVcnRoutes({ ...base, peeredVcns, attachments, existing })).toEqual({ add: [], keep: existing, removeIds: [], conflicts: [] });
    expect(planPeeredVcnRoutes({ ...base, peeredVcns, attachments, existing, advertise: false }).removeIds).toEqual(["mine"]);
  });
});
