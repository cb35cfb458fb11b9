import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type CloudEmulators,
  ociIdentityClient,
  ociVirtualNetworkClient,
  type OciSigner,
  type OciTenancyCredentials,
  type OciUserCredentials,
  startCloudEmulators,
} from "@interlink/cloud-emulators";
import { type models, type VirtualNetworkClient } from "oci-core";
import { type IdentityClient } from "oci-identity";
import { generatePolicies, type GeneratedPolicy, type PolicyScenarioRequestInput } from "../../shared/domain/iam";

const PHOENIX = "us-phoenix-1";
const MINUTE = 60_000;

/**
 * The policies Interlink generates for each peering scenario, applied to the OCI emulator as written and
 * exercised with the real SDKs by the users they name: the set grants what the scenario's operations need, and
 * without any one of its statements (a Define included) some operation is refused. Group and compartment names
 * differ from the aliases, so every Define matters.
 */
describe("generated peering policies against the OCI emulator's policy evaluation", () => {
  let emulators: CloudEmulators;
  let stateDir: string;
  let ctx: Awaited<ReturnType<typeof world>>;

  async function world() {
    const admin = emulators.admin;
    const tenancy = emulators.oci.tenancy;
    const acceptor = emulators.oci.tenancies.acceptor as OciTenancyCredentials;
    const home = emulators.oci;
    const away = { endpoint: emulators.oci.endpoint, ...acceptor.admin };
    const users: Record<string, OciUserCredentials> = {};
    for (const [name, group] of [
      ["peering-requestor", "peering-requestors"],
      ["vcn-admin", "vcn-admins-here"],
      ["drg-admin", "drg-admins"],
      ["network-admin", "NetworkAdmins"],
      ["circuit-admin", "VirtualCircuitAdmins"],
    ] as const) {
      users[name] = await admin.createOciUser({ tenancy, name, groups: [group] });
    }
    const groups = Object.fromEntries((await admin.ociIdentity()).groups.map((group) => [`${group.tenancyId === tenancy ? "home" : "away"}:${group.name}`, group.id]));
    const core = (signer: { endpoint: string } & OciSigner, region?: string) => ociVirtualNetworkClient(signer, { maxAttempts: 1, ...(region ? { region } : {}) });
    const clients = {
      homeEast: core(home),
      homeWest: core(home, PHOENIX),
      awayEast: core(away),
      awayWest: core(away, PHOENIX),
      homeIdentity: ociIdentityClient(home),
      awayIdentity: ociIdentityClient(away),
    };
    const requestorComp = emulators.oci.compartments["requestor-network"] ?? "";
    const acceptorComp = emulators.oci.compartments["acceptor-network"] ?? "";
    const partnerComp = acceptor.compartments["partner-network"] ?? "";
    const drg = async (client: VirtualNetworkClient, compartmentId: string) => (await client.createDrg({ createDrgDetails: { compartmentId, displayName: "drg" } })).drg.id;
    const drgs = { east: await drg(clients.homeEast, requestorComp), west: await drg(clients.homeWest, acceptorComp), partnerWest: await drg(clients.awayWest, partnerComp) };
    let cidr = 0;
    const vcn = async (client: VirtualNetworkClient, compartmentId: string) => {
      const created = (await client.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: [`10.${100 + (cidr++ % 150)}.0.0/16`] } })).vcn;
      await admin.advanceClock(MINUTE);
      return created;
    };
    // The drg-attachment-cross-tenancy admins also run their own tenancy's networks (not part of the pair).
    await clients.homeIdentity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "baseline-drg-admins", description: "x", statements: ["Allow group drg-admins to manage drgs in tenancy"] } });
    await clients.awayIdentity.createPolicy({ createPolicyDetails: { compartmentId: acceptor.tenancy, name: "baseline-vcn-admins", description: "x", statements: ["Allow group vcn-admins to manage virtual-network-family in tenancy"] } });
    await admin.advanceClock(MINUTE);
    return { admin, tenancy, acceptor, users, groups, clients, requestorComp, acceptorComp, partnerComp, drgs, vcn, as: (user: OciUserCredentials, region?: string) => core({ endpoint: emulators.oci.endpoint, ...user }, region) };
  }

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-contract-policies-"));
    emulators = await startCloudEmulators({
      azurePort: 0,
      ociPort: 0,
      timeScale: 0,
      stateDir,
      ociRegions: [PHOENIX],
      ociCompartments: [{ path: "requestor-network" }, { path: "acceptor-network" }],
      ociTenancies: [{ name: "acceptor", regions: [PHOENIX], compartments: ["partner-network"], users: [{ name: "vcn-admin", groups: ["vcn-admins"] }] }],
    });
    ctx = await world();
    // Starting the emulators with three tenancies takes seconds on a busy 2-core machine: more than jest's 5 s default.
  }, 60_000);
  afterAll(async () => {
    await emulators?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** true when the call succeeds, false when OCI refuses it as not authorised (404); anything else fails the test. */
  async function allowed(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  async function rpcs(east: { client: VirtualNetworkClient; compartmentId: string; drgId: string }, west: { client: VirtualNetworkClient; compartmentId: string; drgId: string }) {
    const create = async (side: typeof east) => (await side.client.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId: side.compartmentId, drgId: side.drgId } })).remotePeeringConnection.id;
    const pair = { east: await create(east), west: await create(west) };
    await ctx.admin.advanceClock(MINUTE);
    return pair;
  }

  async function lpgs(here: { client: VirtualNetworkClient; compartmentId: string }, there: { client: VirtualNetworkClient; compartmentId: string }) {
    const create = async (side: typeof here) => {
      const vcn = await ctx.vcn(side.client, side.compartmentId);
      return (await side.client.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: side.compartmentId, vcnId: vcn.id } })).localPeeringGateway.id;
    };
    const pair = { here: await create(here), there: await create(there) };
    await ctx.admin.advanceClock(MINUTE);
    return pair;
  }

  const connectRpcs = (pair: { east: string; west: string }) => () =>
    ctx.as(ctx.users["peering-requestor"] as OciUserCredentials).connectRemotePeeringConnections({ remotePeeringConnectionId: pair.east, connectRemotePeeringConnectionsDetails: { peerId: pair.west, peerRegionName: PHOENIX } });
  const connectLpgs = (pair: { here: string; there: string }) => () =>
    ctx.as(ctx.users["peering-requestor"] as OciUserCredentials).connectLocalPeeringGateways({ localPeeringGatewayId: pair.here, connectLocalPeeringGatewaysDetails: { peerId: pair.there } });

  interface Scenario {
    request(): PolicyScenarioRequestInput;
    /** Makes fresh resources (as the tenancies' administrators) and tries each operation as the scenario's users. */
    attempt(): Promise<boolean[]>;
  }

  const crossLocalPeering = (anyTenancy: boolean): Scenario => ({
    request: () => ({
      scenario: "local-peering-cross-tenancy",
      requestorGroupOcid: ctx.groups["home:peering-requestors"] ?? "",
      requestorCompartmentOcid: ctx.requestorComp,
      requestorTenancyOcid: ctx.tenancy,
      acceptorCompartmentOcid: ctx.partnerComp,
      ...(anyTenancy ? { anyTenancy: true } : { acceptorTenancyOcid: ctx.acceptor.tenancy }),
    }),
    attempt: async () => [await allowed(connectLpgs(await lpgs({ client: ctx.clients.homeEast, compartmentId: ctx.requestorComp }, { client: ctx.clients.awayEast, compartmentId: ctx.partnerComp })))],
  });

  const scenarios: Record<string, Scenario> = {
    "remote peering, legacy DRG (one tenancy, two regions)": {
      request: () => ({ scenario: "remote-peering-legacy-drg", requestorGroupOcid: ctx.groups["home:peering-requestors"] ?? "", requestorCompartmentOcid: ctx.requestorComp, acceptorCompartmentOcid: ctx.acceptorComp, tenancyOcid: ctx.tenancy }),
      attempt: async () => [await allowed(connectRpcs(await rpcs({ client: ctx.clients.homeEast, compartmentId: ctx.requestorComp, drgId: ctx.drgs.east }, { client: ctx.clients.homeWest, compartmentId: ctx.acceptorComp, drgId: ctx.drgs.west })))],
    },
    "remote peering, upgraded DRG (two tenancies, two regions)": {
      request: () => ({
        scenario: "remote-peering-upgraded-drg",
        requestorGroupOcid: ctx.groups["home:peering-requestors"] ?? "",
        requestorCompartmentOcid: ctx.requestorComp,
        requestorTenancyOcid: ctx.tenancy,
        acceptorCompartmentOcid: ctx.partnerComp,
        acceptorTenancyOcid: ctx.acceptor.tenancy,
      }),
      attempt: async () => [await allowed(connectRpcs(await rpcs({ client: ctx.clients.homeEast, compartmentId: ctx.requestorComp, drgId: ctx.drgs.east }, { client: ctx.clients.awayWest, compartmentId: ctx.partnerComp, drgId: ctx.drgs.partnerWest })))],
    },
    "local peering (one tenancy), with the console's inspect statements": {
      request: () => ({ scenario: "local-peering", requestorGroupOcid: ctx.groups["home:peering-requestors"] ?? "", requestorCompartmentOcid: ctx.requestorComp, acceptorCompartmentOcid: ctx.acceptorComp, tenancyOcid: ctx.tenancy, includeConsoleInspect: true }),
      attempt: async () => {
        const requestor = ctx.as(ctx.users["peering-requestor"] as OciUserCredentials);
        return [
          await allowed(connectLpgs(await lpgs({ client: ctx.clients.homeEast, compartmentId: ctx.requestorComp }, { client: ctx.clients.homeEast, compartmentId: ctx.acceptorComp }))),
          // The inspect statements are what the console lists the acceptor's VCNs and LPGs with.
          await allowed(() => requestor.listVcns({ compartmentId: ctx.acceptorComp })),
          await allowed(() => requestor.listLocalPeeringGateways({ compartmentId: ctx.acceptorComp })),
        ];
      },
    },
    "local peering (two tenancies)": crossLocalPeering(false),
    "local peering (two tenancies, any-tenancy)": crossLocalPeering(true),
    "DRG attachment (one tenancy), with route table management": {
      request: () => ({ scenario: "drg-attachment", vcnAdminGroupOcid: ctx.groups["home:vcn-admins-here"] ?? "", tenancyOcid: ctx.tenancy, includeRouteTableManagement: true }),
      attempt: async () => {
        const vcn = await ctx.vcn(ctx.clients.homeEast, ctx.requestorComp);
        const table = (await ctx.clients.homeEast.createRouteTable({ createRouteTableDetails: { compartmentId: ctx.requestorComp, vcnId: vcn.id, routeRules: [] } })).routeTable;
        await ctx.admin.advanceClock(MINUTE);
        const networkDetails = { type: "VCN", id: vcn.id, routeTableId: table.id } as models.VcnDrgAttachmentNetworkCreateDetails;
        return [await allowed(() => ctx.as(ctx.users["vcn-admin"] as OciUserCredentials).createDrgAttachment({ createDrgAttachmentDetails: { drgId: ctx.drgs.east, networkDetails } }))];
      },
    },
    "DRG attachment of another tenancy's VCN": {
      request: () => ({
        scenario: "drg-attachment-cross-tenancy",
        vcnAdminGroupOcid: ctx.groups["away:vcn-admins"] ?? "",
        drgAdminGroupOcid: ctx.groups["home:drg-admins"] ?? "",
        requestorTenancyOcid: ctx.tenancy,
        acceptorTenancyOcid: ctx.acceptor.tenancy,
      }),
      attempt: async () => {
        const vcn = await ctx.vcn(ctx.clients.awayEast, ctx.partnerComp);
        const table = (await ctx.clients.awayEast.createRouteTable({ createRouteTableDetails: { compartmentId: ctx.partnerComp, vcnId: vcn.id, routeRules: [] } })).routeTable;
        await ctx.admin.advanceClock(MINUTE);
        let attachmentId = "";
        const created = await allowed(async () => {
          attachmentId = (await ctx.as(ctx.users["drg-admin"] as OciUserCredentials).createDrgAttachment({ createDrgAttachmentDetails: { drgId: ctx.drgs.east, networkDetails: { type: "VCN", id: vcn.id } as models.VcnDrgAttachmentNetworkCreateDetails } })).drgAttachment.id;
        });
        if (!created) return [false];
        await ctx.admin.advanceClock(MINUTE);
        const vcnAdmin = ctx.as(ctx.acceptor.users["vcn-admin"] as OciUserCredentials);
        return [true, await allowed(() => vcnAdmin.updateDrgAttachment({ drgAttachmentId: attachmentId, updateDrgAttachmentDetails: { networkDetails: { type: "VCN", routeTableId: table.id } as models.UpdateDrgAttachmentDetails["networkDetails"] } }))];
      },
    },
    "the interconnect's administrators": {
      request: () => ({ scenario: "interconnect", tenancyOcid: ctx.tenancy }),
      attempt: async () => [
        await allowed(() => ctx.as(ctx.users["network-admin"] as OciUserCredentials).createVcn({ createVcnDetails: { compartmentId: ctx.requestorComp, cidrBlocks: ["10.99.0.0/16"] } })),
        await allowed(() =>
          ctx.as(ctx.users["circuit-admin"] as OciUserCredentials).createVirtualCircuit({
            createVirtualCircuitDetails: { compartmentId: ctx.requestorComp, type: "PRIVATE" as models.CreateVirtualCircuitDetails.Type, gatewayId: ctx.drgs.east, bandwidthShapeName: "1 Gbps" },
          }),
        ),
      ],
    },
  };

  /** Puts the policies in their tenancy and compartment; returns their ids, or stops at one OCI refuses (400). */
  async function apply(policies: GeneratedPolicy[]): Promise<{ applied: { client: IdentityClient; id: string }[]; refused: boolean }> {
    const applied: { client: IdentityClient; id: string }[] = [];
    for (const policy of policies) {
      const away = policy.tenancy === "acceptor";
      const client = away ? ctx.clients.awayIdentity : ctx.clients.homeIdentity;
      const compartmentId = policy.attachTo.ocid ?? (away ? ctx.acceptor.tenancy : ctx.tenancy);
      try {
        const created = await client.createPolicy({ createPolicyDetails: { compartmentId, name: policy.name, description: policy.title, statements: policy.statements } });
        applied.push({ client, id: created.policy.id });
      } catch (error) {
        // A set without one of its Defines names a group or compartment OCI does not know: it refuses the policy.
        if ((error as { statusCode?: number }).statusCode !== 400) throw error;
        return { applied, refused: true };
      }
    }
    return { applied, refused: false };
  }

  async function attemptWith(policies: GeneratedPolicy[], scenario: Scenario): Promise<boolean[]> {
    const { applied } = await apply(policies);
    try {
      return await scenario.attempt();
    } finally {
      for (const { client, id } of applied) await client.deletePolicy({ policyId: id });
    }
  }

  it.each(Object.keys(scenarios))("%s: the generated set grants the operations; without any one statement, some operation is refused", async (name) => {
    const scenario = scenarios[name] as Scenario;
    const { policies } = generatePolicies(scenario.request());
    expect(await attemptWith(policies, scenario)).not.toContain(false);
    for (const [policyIndex, policy] of policies.entries()) {
      for (const [statementIndex, statement] of policy.statements.entries()) {
        const reduced = policies.map((candidate, index) => (index === policyIndex ? { ...candidate, statements: candidate.statements.filter((_, i) => i !== statementIndex) } : candidate)).filter((candidate) => candidate.statements.length > 0);
        const outcome = await attemptWith(reduced, scenario);
        expect({ without: statement, allGranted: !outcome.includes(false) }).toEqual({ without: statement, allGranted: false });
      }
    }
  });
});
