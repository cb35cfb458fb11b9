import type { models } from "oci-core";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";
import { OCI_PHASES } from "./vpn-fixture";

type TunnelDetails = models.CreateIPSecConnectionTunnelDetails;

async function refusal(promise: Promise<unknown>): Promise<{ statusCode?: number; serviceCode?: string; message?: string }> {
  return promise.then(
    () => ({}),
    (error: { statusCode?: number; serviceCode?: string; message?: string }) => error,
  );
}

const bgpTunnel = (index: number, overrides: Partial<TunnelDetails> = {}): TunnelDetails => ({
  routing: "BGP" as models.CreateIPSecConnectionTunnelDetails.Routing,
  ikeVersion: "V2" as models.CreateIPSecConnectionTunnelDetails.IkeVersion,
  bgpSessionConfig: { oracleInterfaceIp: `169.254.2${index + 1}.1/30`, customerInterfaceIp: `169.254.2${index + 1}.2/30`, customerBgpAsn: "65515" },
  ...OCI_PHASES,
  ...overrides,
});

describe("OCI Site-to-Site VPN resources (real oci-core, signed requests)", () => {
  let h: Harness;
  let drgId: string;
  let cpeId: string;
  beforeAll(async () => {
    h = await startHarness();
    const drg = await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "vpn-drg" } });
    drgId = drg.drg.id;
    await h.emulators.admin.advanceClock(MINUTE);
    cpeId = (await h.oci.createCpe({ createCpeDetails: { compartmentId: COMPARTMENT, ipAddress: "20.0.0.7", displayName: "azure-vpngw" } })).cpe.id;
  });
  afterAll(async () => {
    await h.stop();
  });

  it("when a CPE is created, then it reads back without a lifecycle state; a private address needs isPrivate", async () => {
    const cpe = (await h.oci.getCpe({ cpeId })).cpe;
    expect(cpe).toMatchObject({ id: cpeId, ipAddress: "20.0.0.7", displayName: "azure-vpngw", isPrivate: false });
    expect(cpe).not.toHaveProperty("lifecycleState");
    expect((await h.oci.listCpes({ compartmentId: COMPARTMENT })).items.map((item) => item.id)).toEqual([cpeId]);
    expect(await refusal(h.oci.createCpe({ createCpeDetails: { compartmentId: COMPARTMENT, ipAddress: "10.1.2.3" } }))).toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
  });

  it.each<[string, Partial<models.CreateIPSecConnectionDetails>, string]>([
    ["static tunnels without static routes", { tunnelConfiguration: [{ routing: "STATIC" as models.CreateIPSecConnectionTunnelDetails.Routing }] }, "InvalidParameter"],
    ["a BGP tunnel without inside addresses", { tunnelConfiguration: [{ routing: "BGP" as models.CreateIPSecConnectionTunnelDetails.Routing, bgpSessionConfig: { customerBgpAsn: "65515" } }] }, "MissingParameter"],
    ["inside addresses in a /29", { tunnelConfiguration: [bgpTunnel(0, { bgpSessionConfig: { oracleInterfaceIp: "169.254.21.1/29", customerInterfaceIp: "169.254.21.2/29", customerBgpAsn: "65515" } })] }, "InvalidParameter"],
    ["inside addresses in different /30s", { tunnelConfiguration: [bgpTunnel(0, { bgpSessionConfig: { oracleInterfaceIp: "169.254.21.1/30", customerInterfaceIp: "169.254.21.6/30", customerBgpAsn: "65515" } })] }, "InvalidParameter"],
    ["a customer ASN on a static tunnel", { staticRoutes: ["10.10.0.0/16"], tunnelConfiguration: [{ routing: "STATIC" as models.CreateIPSecConnectionTunnelDetails.Routing, bgpSessionConfig: { customerBgpAsn: "65515" } }] }, "InvalidParameter"],
    ["a shared secret with punctuation", { staticRoutes: ["10.10.0.0/16"], tunnelConfiguration: [{ sharedSecret: "not-allowed!" }] }, "InvalidParameter"],
    ["an authentication algorithm with AES-GCM", { tunnelConfiguration: [bgpTunnel(0, { phaseTwoConfig: { isCustomPhaseTwoConfig: true, encryptionAlgorithm: "AES_256_GCM", authenticationAlgorithm: "HMAC_SHA2_256_128" } as models.PhaseTwoConfigDetails })] }, "InvalidParameter"],
    ["a multicast static route", { staticRoutes: ["224.0.0.0/24"] }, "InvalidParameter"],
    ["three tunnels", { tunnelConfiguration: [bgpTunnel(0), bgpTunnel(1), bgpTunnel(0)] }, "InvalidParameter"],
  ])("when an IPSec connection has %s, then OCI refuses it with 400 and creates nothing", async (_case, details, code) => {
    const before = (await h.oci.listIPSecConnections({ compartmentId: COMPARTMENT })).items.length;
    const error = await refusal(h.oci.createIPSecConnection({ createIPSecConnectionDetails: { compartmentId: COMPARTMENT, drgId, cpeId, ...details } }));
    expect(error).toMatchObject({ statusCode: 400, serviceCode: code });
    expect(error.message).not.toContain("not-allowed!");
    expect((await h.oci.listIPSecConnections({ compartmentId: COMPARTMENT })).items).toHaveLength(before);
  });

  it("when an IPSec connection is created, then it has two tunnels with their own headends, is AVAILABLE after provisioning and attaches each tunnel to the DRG", async () => {
    const created = (await h.oci.createIPSecConnection({ createIPSecConnectionDetails: { compartmentId: COMPARTMENT, drgId, cpeId, displayName: "link", tunnelConfiguration: [bgpTunnel(0), bgpTunnel(1)] }, opcRetryToken: "ipsec-1" })).iPSecConnection;
    const replayed = (await h.oci.createIPSecConnection({ createIPSecConnectionDetails: { compartmentId: COMPARTMENT, drgId, cpeId, displayName: "link", tunnelConfiguration: [bgpTunnel(0), bgpTunnel(1)] }, opcRetryToken: "ipsec-1" })).iPSecConnection;
    expect(replayed.id).toBe(created.id);
    expect(created).toMatchObject({ lifecycleState: "PROVISIONING", cpeLocalIdentifier: "20.0.0.7", cpeLocalIdentifierType: "IP_ADDRESS", staticRoutes: [] });
    await h.emulators.admin.advanceClock(4 * MINUTE);
    expect((await h.oci.getIPSecConnection({ ipscId: created.id })).iPSecConnection.lifecycleState).toBe("AVAILABLE");
    const tunnels = (await h.oci.listIPSecConnectionTunnels({ ipscId: created.id })).items;
    expect(tunnels).toHaveLength(2);
    expect(new Set(tunnels.map((tunnel) => tunnel.vpnIp)).size).toBe(2);
    expect(tunnels[0]).toMatchObject({
      lifecycleState: "AVAILABLE",
      status: "DOWN",
      routing: "BGP",
      ikeVersion: "V2",
      bgpSessionInfo: { oracleInterfaceIp: "169.254.21.1/30", customerInterfaceIp: "169.254.21.2/30", oracleBgpAsn: "31898", customerBgpAsn: "65515", bgpState: "DOWN" },
      phaseOneDetails: { isCustomPhaseOneConfig: true, customEncryptionAlgorithm: "AES_256_CBC", customAuthenticationAlgorithm: "SHA2_384", customDhGroup: "GROUP20", isIkeEstablished: false },
      phaseTwoDetails: { isCustomPhaseTwoConfig: true, customEncryptionAlgorithm: "AES_256_GCM", isPfsEnabled: true, dhGroup: "GROUP20", isEspEstablished: false },
    });
    expect(JSON.stringify(tunnels)).not.toMatch(/sharedSecret/);
    const drg = (await h.oci.getDrg({ drgId })).drg;
    const attachments = (await h.oci.listDrgAttachments({ compartmentId: COMPARTMENT, drgId, attachmentType: "IPSEC_TUNNEL" as never })).items;
    expect(attachments.map((attachment) => [attachment.networkDetails?.id, (attachment.networkDetails as { ipsecConnectionId?: string }).ipsecConnectionId, attachment.drgRouteTableId])).toEqual(
      expect.arrayContaining(tunnels.map((tunnel) => [tunnel.id, created.id, drg.defaultDrgRouteTables?.ipsecTunnel])),
    );
    expect(await refusal(h.oci.deleteCpe({ cpeId }))).toMatchObject({ statusCode: 409 });
    expect(await refusal(h.oci.deleteDrg({ drgId }))).toMatchObject({ statusCode: 409 });
  });

  it("when a tunnel's shared secret or settings change, then it re-provisions; a bad update changes nothing", async () => {
    const [ipsec] = (await h.oci.listIPSecConnections({ compartmentId: COMPARTMENT, drgId })).items;
    const tunnelId = (await h.oci.listIPSecConnectionTunnels({ ipscId: ipsec?.id ?? "" })).items[0]?.id ?? "";
    const ids = { ipscId: ipsec?.id ?? "", tunnelId };
    const original = (await h.oci.getIPSecConnectionTunnelSharedSecret(ids)).iPSecConnectionTunnelSharedSecret.sharedSecret;
    expect(original).toMatch(/^[A-Za-z0-9]+$/);
    const bad = await refusal(h.oci.updateIPSecConnectionTunnelSharedSecret({ ...ids, updateIPSecConnectionTunnelSharedSecretDetails: { sharedSecret: "semi;colon" } }));
    expect(bad).toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    expect(bad.message).not.toContain("semi;colon");
    const updated = await h.oci.updateIPSecConnectionTunnelSharedSecret({ ...ids, updateIPSecConnectionTunnelSharedSecretDetails: { sharedSecret: "new Secret 42" } });
    expect(updated.iPSecConnectionTunnelSharedSecret.sharedSecret).toBe("new Secret 42");
    expect((await h.oci.getIPSecConnectionTunnel(ids)).iPSecConnectionTunnel.lifecycleState).toBe("PROVISIONING");
    expect(await refusal(h.oci.updateIPSecConnectionTunnel({ ...ids, updateIPSecConnectionTunnelDetails: { ikeVersion: "V1" as never } }))).toMatchObject({ statusCode: 409, serviceCode: "IncorrectState" });
    await h.emulators.admin.advanceClock(2 * MINUTE);
    expect((await h.oci.getIPSecConnectionTunnelSharedSecret(ids)).iPSecConnectionTunnelSharedSecret.sharedSecret).toBe("new Secret 42");

    expect(await refusal(h.oci.updateIPSecConnectionTunnel({ ...ids, updateIPSecConnectionTunnelDetails: { routing: "STATIC" as never } }))).toMatchObject({ statusCode: 400 });
    expect(await refusal(h.oci.updateIPSecConnectionTunnel({ ...ids, updateIPSecConnectionTunnelDetails: { phaseOneConfig: { lifetimeInSeconds: 100 } } }))).toMatchObject({ statusCode: 400 });
    expect((await h.oci.getIPSecConnectionTunnel(ids)).iPSecConnectionTunnel).toMatchObject({ lifecycleState: "AVAILABLE", routing: "BGP", phaseOneDetails: { lifetime: 28800 } });
    const changed = (await h.oci.updateIPSecConnectionTunnel({ ...ids, updateIPSecConnectionTunnelDetails: { ikeVersion: "V1" as never } })).iPSecConnectionTunnel;
    expect(changed).toMatchObject({ ikeVersion: "V1", lifecycleState: "PROVISIONING" });
  });

  it("when the IPSec connection is deleted, then it and its tunnel attachments go, and the CPE can be deleted", async () => {
    const [ipsec] = (await h.oci.listIPSecConnections({ compartmentId: COMPARTMENT, drgId })).items;
    await h.oci.deleteIPSecConnection({ ipscId: ipsec?.id ?? "" });
    expect((await h.oci.getIPSecConnection({ ipscId: ipsec?.id ?? "" })).iPSecConnection.lifecycleState).toBe("TERMINATING");
    await h.emulators.admin.advanceClock(2 * MINUTE);
    expect((await h.oci.getIPSecConnection({ ipscId: ipsec?.id ?? "" })).iPSecConnection.lifecycleState).toBe("TERMINATED");
    const attachments = (await h.oci.listDrgAttachments({ compartmentId: COMPARTMENT, drgId, attachmentType: "IPSEC_TUNNEL" as never })).items;
    expect(attachments.map((attachment) => attachment.lifecycleState)).toEqual(["DETACHED", "DETACHED"]);
    await h.oci.deleteCpe({ cpeId });
    expect(await refusal(h.oci.getCpe({ cpeId }))).toMatchObject({ statusCode: 404 });
  });
});
