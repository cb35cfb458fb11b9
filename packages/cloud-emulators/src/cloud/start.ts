import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { armFrontend } from "../azure-arm/frontend";
import { registerArmHandlers } from "../azure-arm/routes";
import { EmulatorClock } from "../core/clock";
import { DEFAULT_DURATIONS, type Durations } from "../core/durations";
import { FaultStore } from "../core/faults";
import { readRequest, writeReply } from "../core/http";
import { requestId } from "../core/ids";
import { Journal } from "../core/journal";
import { serveCloudRequest, type CloudFrontend } from "../core/pipeline";
import { ensureTlsMaterial } from "../core/tls";
import { World } from "../core/world";
import { registerFabricEvents } from "../fabric/coupling";
import { registerVpnFabric } from "../fabric/vpn-journal";
import { ensureOciApiKey, keyIdOf } from "../oci/credentials";
import { ociFrontend } from "../oci/frontend";
import type { IdentityState } from "../oci/identity/model";
import { ensureDefaultTenancy, type OciTenancyCredentials, type OciTenancySpec, seedCompartmentPath, seedTenancy } from "../oci/identity/tenancy-seed";
import { registerOciHandlers } from "../oci/routes";
import { ADMIN_PREFIX, handleAdmin, type AdminContext } from "./admin-api";
import { EmulatorAdminClient } from "./admin-client";
import { StatePersistence, stateFileIn } from "./persistence";
import { normaliseRegions } from "../azure-arm/regions";
import { regionKeyOf } from "../oci/regions";

export interface CloudEmulatorOptions {
  /** ARM (HTTPS) port; 0 picks a free one. Default 8443. */
  azurePort?: number;
  /** OCI (HTTP) port; 0 picks a free one. Default 8444. */
  ociPort?: number;
  /** Loopback address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Keys, certificates and saved state live here. Default `<cwd>/.interlink`. */
  stateDir?: string;
  /** Emulated time runs at `1 / timeScale` of real time (0.001: minutes pass in milliseconds; 0: frozen). Default 1. */
  timeScale?: number;
  /** Save state to `<stateDir>/emulators/state.json` and reload it on start. */
  persist?: boolean;
  /** Emulated start time (epoch ms). Default now. */
  startTime?: number;
  /**
   * Drive emulated time from another clock (e.g. the Functions dev host's virtual clock in orchestration
   * tests), so both sides of a test see the same time. Overrides `timeScale` and `startTime`.
   */
  clock?: () => number;
  durations?: Partial<Durations>;
  /** Items per ARM list page. Default 100. */
  armPageSize?: number;
  /** The default OCI region (requests without a region prefix) and the default tenancy's home region. Default us-ashburn-1. */
  ociRegion?: string;
  /** More regions the default tenancy is subscribed to (every region is served; see "Regions" in the README). */
  ociRegions?: string[];
  /** Compartments of the default tenancy made at start and again after a reset: a name or `a:b` path, optionally with a fixed OCID. */
  ociCompartments?: { path: string; id?: string }[];
  /** More tenancies, each with an administrator, users, groups and compartments; credentials in `oci.tenancies`. */
  ociTenancies?: OciTenancySpec[];
  /** Require the VC bandwidth shape to equal the ExpressRoute bandwidth exactly (no rounding 50 Mbps up to 1 Gbps). */
  strictBandwidth?: boolean;
  /**
   * Regions (or `true`: all) where ExpressRoute gateways need their own public IP: a gateway PUT without one is
   * refused with 400 PublicIpForGatewayIsRequired. Default: Azure manages the IP everywhere.
   */
  gatewayPublicIpRequired?: boolean | string[];
}

export interface CloudEmulators {
  azure: { endpoint: string; ca: string; caFile: string };
  oci: {
    endpoint: string;
    region: string;
    tenancy: string;
    user: string;
    fingerprint: string;
    keyId: string;
    privateKeyPem: string;
    configFile: string;
    profile: string;
    /** Compartments made from `ociCompartments`: path -> OCID. */
    compartments: Record<string, string>;
    /** Tenancies made from `ociTenancies`, by name. */
    tenancies: Record<string, OciTenancyCredentials>;
  };
  admin: EmulatorAdminClient;
  /** Path of the saved state when persisting. */
  stateFile?: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly envVar: string,
  ) {
    super(`port ${port} is already in use; set ${envVar} to a free port`);
    this.name = "PortInUseError";
  }
}

function listen(server: Server, port: number, host: string, envVar: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port, envVar) : error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePort((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** Starts the ARM (HTTPS) and OCI (HTTP) emulators in this process, sharing one world. */
export async function startCloudEmulators(options: CloudEmulatorOptions = {}): Promise<CloudEmulators> {
  const host = options.host ?? "127.0.0.1";
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`the emulators listen on loopback only, not ${host}`);
  const stateDir = resolve(options.stateDir ?? ".interlink");
  const ociRegion = options.ociRegion ?? "us-ashburn-1";
  const tls = await ensureTlsMaterial(stateDir);
  const key = ensureOciApiKey(stateDir, ociRegion);
  const keyId = keyIdOf(key);

  const world = new World(
    options.clock ? new EmulatorClock(1, options.clock(), options.clock) : new EmulatorClock(options.timeScale ?? 1, options.startTime ?? Date.now()),
    {
      durations: { ...DEFAULT_DURATIONS, ...(options.durations ?? {}) },
      ociRegion,
      ociRegionKey: regionKeyOf(ociRegion),
      armPageSize: options.armPageSize ?? 100,
      strictBandwidth: options.strictBandwidth ?? false,
      gatewayPublicIpRequired: normaliseRegions(options.gatewayPublicIpRequired ?? false),
    },
    new Journal(),
    new FaultStore(),
  );
  registerArmHandlers(world);
  registerOciHandlers(world);
  registerFabricEvents(world);
  registerVpnFabric(world);

  const persistence = options.persist ? new StatePersistence(stateFileIn(stateDir)) : undefined;
  persistence?.load(world);

  // Identity made at start is made again after a reset, with the same OCIDs and keys.
  const compartments: Record<string, string> = {};
  const tenancies: Record<string, OciTenancyCredentials> = {};
  ensureDefaultTenancy(world, key, ociRegion, options.ociRegions ?? []);
  for (const compartment of options.ociCompartments ?? []) compartments[compartment.path] = seedCompartmentPath(world, key.tenancy, key.tenancy, compartment.path, compartment.id);
  for (const spec of options.ociTenancies ?? []) tenancies[spec.name] = seedTenancy(world, spec, ociRegion);
  const seeded: { identity: IdentityState; keys: Record<string, string> } = structuredClone({ identity: world.state.oci.identity, keys: world.state.oci.generatedKeys });

  const endpoints = { azure: "", oci: "" };
  const admin: AdminContext = {
    world,
    afterReset: () => {
      world.state.oci.identity = structuredClone(seeded.identity);
      world.state.oci.generatedKeys = structuredClone(seeded.keys);
    },
    info: () => ({
      azure: { endpoint: endpoints.azure, caFile: tls.caFile },
      oci: { endpoint: endpoints.oci, configFile: key.configFile, profile: key.profile, region: ociRegion, keyId },
      timeScale: world.clock.scale,
      persist: persistence?.file ?? null,
    }),
  };
  const handler = (frontend: CloudFrontend, scheme: "http" | "https") => async (incoming: IncomingMessage, response: ServerResponse) => {
    try {
      const req = await readRequest(incoming, scheme);
      const reply = req.url.pathname.startsWith(ADMIN_PREFIX) ? handleAdmin(admin, req) : await serveCloudRequest(world, frontend, req, requestId());
      persistence?.saveIfDirty(world);
      writeReply(response, reply);
    } catch (error) {
      process.stderr.write(`emulators: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!response.headersSent) writeReply(response, { status: 500, json: { error: "emulator failure" } });
    }
  };

  const armServer = createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, handler(armFrontend(world), "https"));
  const ociServer = createHttpServer(handler(ociFrontend(world), "http"));
  const azurePort = await listen(armServer, options.azurePort ?? 8443, host, "AZURE_EMULATOR_PORT");
  let ociPort: number;
  try {
    ociPort = await listen(ociServer, options.ociPort ?? 8444, host, "OCI_EMULATOR_PORT");
  } catch (error) {
    await close(armServer);
    throw error;
  }
  const hostInUrl = host === "::1" ? "[::1]" : host;
  endpoints.azure = `https://${hostInUrl}:${azurePort}`;
  endpoints.oci = `http://${hostInUrl}:${ociPort}`;

  const result: CloudEmulators = {
    azure: { endpoint: endpoints.azure, ca: tls.caPem, caFile: tls.caFile },
    oci: {
      endpoint: endpoints.oci,
      region: ociRegion,
      tenancy: key.tenancy,
      user: key.user,
      fingerprint: key.fingerprint,
      keyId,
      privateKeyPem: key.privateKeyPem,
      configFile: key.configFile,
      profile: key.profile,
      compartments,
      tenancies,
    },
    admin: new EmulatorAdminClient(endpoints.oci),
    async stop() {
      await Promise.all([close(armServer), close(ociServer)]);
      persistence?.saveIfDirty(world);
    },
  };
  if (persistence) result.stateFile = persistence.file;
  return result;
}
