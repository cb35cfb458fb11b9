import { parseWith } from "../../../shared/domain/problem";
import { SetupRequest, type SetupRequestInput } from "../../../shared/domain/setup-request";
import { designRequest } from "../../support/requests";

type Peer = NonNullable<SetupRequestInput["oci"]["peeredVcns"]>[number];

const errorsFor = (...peers: Peer[]) => {
  const parsed = parseWith(
    SetupRequest,
    designRequest((request) => {
      request.oci.peeredVcns = peers;
    }),
  );
  return parsed.ok ? [] : parsed.errors.map((error) => `${error.path}: ${error.message}`);
};

const VCN = "ocid1.vcn.oc1.iad.bbbb";

describe("oci.peeredVcns kinds", () => {
  it("when a peered VCN has no kind, then it means what it always did and takes none of the kind's fields", () => {
    expect(errorsFor({ vcnId: VCN, cidrs: ["10.30.0.0/16"] })).toEqual([]);
    expect(errorsFor({ cidrs: ["10.30.0.0/16"] })).toEqual([]);
    expect(errorsFor({ vcnId: VCN, cidrs: ["10.30.0.0/16"], tenancyId: "ocid1.tenancy.oc1..bbbb" })).toEqual([
      "oci.peeredVcns[0].tenancyId: is only used with a kind (drg, local or remote): without one, Interlink creates nothing for this VCN",
    ]);
  });

  it("when a kind is given, then its VCN, and for remote its other region, are required; local and drg stay in the region", () => {
    expect(errorsFor({ kind: "local", cidrs: ["10.30.0.0/16"] })).toEqual(["oci.peeredVcns[0].vcnId: is required with kind local: Interlink peers that VCN"]);
    expect(errorsFor({ kind: "remote", vcnId: VCN, cidrs: ["10.30.0.0/16"] })).toEqual(["oci.peeredVcns[0].region: is required with kind remote: the region of the peered VCN and its DRG"]);
    expect(errorsFor({ kind: "remote", vcnId: VCN, region: "us-ashburn-1", cidrs: ["10.30.0.0/16"] })).toEqual([
      "oci.peeredVcns[0].region: must differ from oci.region (us-ashburn-1) for kind remote; VCNs of one region peer with kind local or drg",
    ]);
    expect(errorsFor({ kind: "local", vcnId: VCN, region: "us-phoenix-1", cidrs: ["10.30.0.0/16"] })).toEqual([
      "oci.peeredVcns[0].region: must be oci.region (us-ashburn-1) for kind local; a VCN in another region peers with kind remote",
    ]);
    expect(errorsFor({ kind: "drg", vcnId: VCN, drgId: "ocid1.drg.oc1.iad.cccc", cidrs: ["10.30.0.0/16"] })).toEqual(["oci.peeredVcns[0].drgId: is only used with kind remote (kind drg uses the interconnect's DRG)"]);
    expect(errorsFor({ kind: "remote", vcnId: VCN, region: "us-phoenix-1", drgId: "ocid1.drg.oc1.phx.cccc", cidrs: ["10.30.0.0/16"] })).toEqual([]);
  });

  it("when a VCN is listed twice or is the connected VCN, then the request is refused naming the entry", () => {
    expect(errorsFor({ kind: "local", vcnId: VCN, cidrs: ["10.30.0.0/16"] }, { kind: "drg", vcnId: VCN, cidrs: ["10.31.0.0/16"] })).toEqual(["oci.peeredVcns[1].vcnId: is listed already as oci.peeredVcns[0]"]);
    expect(errorsFor({ kind: "local", vcnId: "ocid1.vcn.oc1.iad.aaaa", cidrs: ["10.30.0.0/16"] })).toEqual(["oci.peeredVcns[0].vcnId: must differ from oci.vcnId: a VCN does not peer with itself"]);
  });
});
