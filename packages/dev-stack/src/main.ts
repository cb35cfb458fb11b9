// `npm start`: the offline dev stack. Azurite (data under .interlink/azurite), the cloud emulators when
// CLOUD_MODE=emulator (state under .interlink/emulators), and the Functions dev host on 7071 running the compiled
// app in the working directory (or --app). Settings are checked before anything starts; Ctrl-C, SIGTERM, SIGHUP or
// the end of its parent process (`kill <npm pid>`) stops every child.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { developmentStorageConnectionString, killOnExit, startAzurite, stopChild, waitForOutput, type Azurite } from "@interlink/functions-host";
import { checkApp } from "./app-check";
import { whenOrphaned } from "./orphan-guard";
import { displayPath } from "./paths";
import { appSettingsFile, type AppSettingsFile, type StackAppSettings, stackAppSettings, stackEnvironment, type StackEnvironment } from "./settings";
import { busyMessage, clearState, lockState, stackUsing } from "./state";

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

const CloudReady = z.object({
  event: z.literal("ready"),
  azure: z.object({ endpoint: z.string().url(), caFile: z.string().min(1) }),
  oci: z.object({ endpoint: z.string().url(), configFile: z.string().min(1), profile: z.string().min(1) }),
});
type CloudEndpoints = z.infer<typeof CloudReady>;

/** The cloud emulators' contract: one JSON line {"event":"ready",...} on stdout once both listen. */
async function startCloudEmulators(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; endpoints: CloudEndpoints }> {
  const child = spawn(process.execPath, [script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  killOnExit(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const match = await waitForOutput(child, /^\{.*"event"\s*:\s*"ready".*\}$/m, 30_000, () => output);
  const parsed = CloudReady.safeParse(JSON.parse(match[0]));
  if (!parsed.success) throw new Error(`the cloud emulators' ready line does not match the contract: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return { child, endpoints: parsed.data };
}

/** What the host is told about the emulators (the same names `func` would read from local.settings.json). */
function cloudSettings(endpoints: Omit<CloudEndpoints, "event">): Record<string, string> {
  return {
    AZURE_ARM_ENDPOINT: endpoints.azure.endpoint,
    AZURE_ARM_CA_FILE: endpoints.azure.caFile,
    OCI_ENDPOINT: endpoints.oci.endpoint,
    OCI_CONFIG_FILE: endpoints.oci.configFile,
    OCI_PROFILE: endpoints.oci.profile,
  };
}

/** The compiled entry point a tooling package exports, or undefined while that package is not built yet. */
function compiledEntry(specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}

interface Options {
  app: string;
  /** Clear every part of the state before starting (otherwise all of it is kept). */
  fresh: boolean;
  /** The host's debug lines too (every activity, poll and timer tick). */
  verbose: boolean;
}

const USAGE = "usage: main.js [--app <dir>] [--fresh] [--verbose]";

function parseArgs(argv: string[], settings: StackEnvironment): Options {
  // Like `func start`, the app is the working directory unless told otherwise (npm start runs in the repository root).
  const options: Options = { app: path.resolve(settings.INTERLINK_APP_ROOT ?? "."), fresh: false, verbose: false };
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === "--app" && argv[index + 1]) options.app = path.resolve(argv[++index] as string);
    else if (argv[index] === "--fresh") options.fresh = true;
    else if (argv[index] === "--verbose") options.verbose = true;
    else throw new Error(`unknown argument ${argv[index]}; ${USAGE}`);
  }
  return options;
}

function timeLine(app: StackAppSettings): string {
  if (app.INTERLINK_TIME_SCALE === 1) return "  Time                real time (INTERLINK_TIME_SCALE=1)";
  const speed = Math.round(1 / app.INTERLINK_TIME_SCALE);
  return `  Time                ${speed}x real time (INTERLINK_TIME_SCALE=${app.INTERLINK_TIME_SCALE}): provisioning, durable timers and every time shown (statuses, inventory, events, log lines) run on the host's clock`;
}

function stateLine(stateDir: string, fresh: boolean, cleared: string[]): string {
  const where = displayPath(stateDir);
  if (fresh) return `  State               fresh: ${cleared.length > 0 ? `cleared ${cleared.join(", ")}` : "nothing to clear"} (${where})`;
  return `  State               kept in ${where} for the next start (Azurite, emulated clouds, host); npm start -- --fresh or npm run reset starts empty`;
}

function settingsLine(file: AppSettingsFile): string {
  if (!file.file) return "  Settings            the environment (no local.settings.json)";
  return `  Settings            ${displayPath(file.file)}${file.example ? " (no local.settings.json: the example's values)" : ""}, the environment winning`;
}

export async function main(argv: string[]): Promise<number> {
  let environment: StackEnvironment;
  let options: Options;
  let file: AppSettingsFile;
  let appSettings: StackAppSettings;
  try {
    environment = stackEnvironment(process.env);
    options = parseArgs(argv, environment);
    file = appSettingsFile(options.app);
    appSettings = stackAppSettings(file, process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const { app } = options;
  const stateDir = path.resolve(environment.INTERLINK_STATE_DIR ?? path.join(app, ".interlink"));
  const busy = stackUsing(stateDir);
  if (busy !== undefined) {
    console.error(busyMessage(displayPath(stateDir), busy));
    return 1;
  }
  // INTERLINK_CLOUD_EMULATOR points at another script honouring the same contract (tests use a stand-in).
  const cloudScript = environment.INTERLINK_CLOUD_EMULATOR ? path.resolve(environment.INTERLINK_CLOUD_EMULATOR) : compiledEntry("@interlink/cloud-emulators/main");
  const emulated = appSettings.CLOUD_MODE === "emulator";
  const runCloud = emulated && cloudScript !== undefined && existsSync(cloudScript);
  const cli = compiledEntry("@interlink/functions-host/cli");
  if (!cli) {
    console.error("The Functions dev host is not built yet: run npm run build.");
    return 1;
  }

  const ports = {
    functions: { setting: "FUNCTIONS_PORT", port: environment.FUNCTIONS_PORT },
    blob: { setting: "AZURITE_BLOB_PORT", port: environment.AZURITE_BLOB_PORT },
    queue: { setting: "AZURITE_QUEUE_PORT", port: environment.AZURITE_QUEUE_PORT },
    table: { setting: "AZURITE_TABLE_PORT", port: environment.AZURITE_TABLE_PORT },
    azure: { setting: "AZURE_EMULATOR_PORT", port: environment.AZURE_EMULATOR_PORT },
    oci: { setting: "OCI_EMULATOR_PORT", port: environment.OCI_EMULATOR_PORT },
  };
  for (const { setting, port } of [ports.functions, ports.blob, ports.queue, ports.table, ...(runCloud ? [ports.azure, ports.oci] : [])]) {
    if (port !== 0 && !(await portIsFree(port))) {
      console.error(`Port ${port} on 127.0.0.1 is already in use: stop what uses it or set ${setting} to another port.`);
      return 1;
    }
  }

  // The app checks its own settings when it loads; load it once with what the host will be given, before anything starts.
  const baseEnv: NodeJS.ProcessEnv = { ...(file.example ? file.values : {}), ...process.env, CLOUD_MODE: appSettings.CLOUD_MODE };
  const storageFor = (azurite: { blob: number; queue: number; table: number }) => developmentStorageConnectionString(azurite);
  const expectedClouds = cloudSettings({
    azure: { endpoint: `https://127.0.0.1:${ports.azure.port}`, caFile: path.join(stateDir, "tls", "ca.pem") },
    oci: { endpoint: `http://127.0.0.1:${ports.oci.port}`, configFile: path.join(stateDir, "oci", "config"), profile: "DEFAULT" },
  });
  const refusal = await checkApp(cli, app, { ...baseEnv, AzureWebJobsStorage: storageFor({ blob: ports.blob.port, queue: ports.queue.port, table: ports.table.port }), ...(runCloud ? expectedClouds : {}) });
  if (refusal !== undefined) {
    console.error(refusal);
    return 1;
  }

  const cleared = options.fresh ? clearState(stateDir) : [];
  const release = lockState(stateDir);
  const children: ChildProcess[] = [];
  let azurite: Azurite | undefined;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const child of [...children].reverse()) await stopChild(child, "SIGTERM");
    await azurite?.stop();
    release();
  };
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const shutdown = (reason: string) => {
    if (stopping) return;
    console.log(`\n${reason}, stopping the dev stack...`);
    void stopAll().then(() => finish(0));
  };
  // From here on every way out stops the children, even in the middle of starting them.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(`Received ${signal}`));
  whenOrphaned(() => shutdown("The process that started the stack has exited"));
  /** A child started while stopping is stopped at once (stopAll has already run). */
  const started = (child: ChildProcess) => {
    children.push(child);
    if (stopping) void stopChild(child, "SIGTERM");
  };

  try {
    azurite = await startAzurite({ ports: { blob: ports.blob.port, queue: ports.queue.port, table: ports.table.port }, location: path.join(stateDir, "azurite") });
    if (stopping) {
      await azurite.stop();
      return finished;
    }
    const hostEnv: NodeJS.ProcessEnv = { ...baseEnv, AzureWebJobsStorage: azurite.connectionString };
    let cloudLines: string[];
    if (runCloud) {
      // One time scale for both: the host's durable timers and the emulators' provisioning run at the same speed.
      // The emulators keep their state with the rest, so a restarted stack finds the clouds the inventory describes.
      const cloud = await startCloudEmulators(cloudScript, app, {
        ...process.env,
        INTERLINK_STATE_DIR: stateDir,
        EMULATOR_TIME_SCALE: String(appSettings.INTERLINK_TIME_SCALE),
        EMULATOR_PERSIST: "1",
        AZURE_EMULATOR_PORT: String(ports.azure.port),
        OCI_EMULATOR_PORT: String(ports.oci.port),
      });
      started(cloud.child);
      if (stopping) return finished;
      Object.assign(hostEnv, cloudSettings(cloud.endpoints));
      cloudLines = [`  Azure ARM emulator  ${cloud.endpoints.azure.endpoint}  (CA: ${displayPath(cloud.endpoints.azure.caFile)})`, `  OCI emulator        ${cloud.endpoints.oci.endpoint}  (config: ${displayPath(cloud.endpoints.oci.configFile)})`];
    } else if (emulated) {
      console.warn("warning: the cloud emulators are not built yet (npm run build); starting without them.");
      cloudLines = ["  Cloud emulators     not available (skipped)"];
    } else {
      // The app refused loopback endpoints in live mode above, so these are the real clouds.
      cloudLines = [`  Clouds              live: Azure ${hostEnv.AZURE_ARM_ENDPOINT ?? "https://management.azure.com"}, OCI ${hostEnv.OCI_ENDPOINT ?? `the region's endpoint${hostEnv.OCI_REGION ? ` (${hostEnv.OCI_REGION})` : ""}`}`];
    }

    const host = spawn(process.execPath, [cli, "start", "--app", app, "--port", String(ports.functions.port), "--state", path.join(stateDir, "host"), ...(options.verbose ? ["--verbose"] : [])], { cwd: app, env: hostEnv, stdio: ["ignore", "pipe", "pipe"] });
    killOnExit(host);
    started(host);
    host.stdout?.pipe(process.stdout);
    host.stderr?.pipe(process.stderr);
    const ready = await waitForOutput(host, /Host started: (http:\/\/\S+)/, 30_000, () => "(see the host output above)");
    const origin = ready[1] as string;
    if (stopping) return finished;

    // The app's own example request, when it has one (Interlink's does), makes the first call a copy-paste.
    const example = path.join(app, "test/fixtures/design-example.json");
    const tryLines = existsSync(example) ? ["Try:", `  curl -s -X POST ${origin}/api/interconnects -H 'content-type: application/json' -d @${displayPath(example)}`] : [];
    // The app's web console, when its build has one (served by the app itself at /api/console).
    const consoleLines = existsSync(path.join(app, "dist/console/index.html")) ? [`  Console             ${origin}/api/console`] : [];
    const keysEnforced = hostEnv.FUNCTIONS_HOST_KEYS_ENFORCED?.toLowerCase() === "true";
    const keyLines = keysEnforced ? [`  Function keys       enforced: the host key is hostKeys.default in ${displayPath(path.join(stateDir, "host", "keys.json"))}`] : [];
    console.log(
      [
        "",
        "Interlink offline stack is running:",
        `  Functions host      ${origin}/api`,
        ...consoleLines,
        ...keyLines,
        `  Durable API         ${origin}/runtime/webhooks/durabletask`,
        `  Azurite             blob ${azurite.ports.blob}, queue ${azurite.ports.queue}, table ${azurite.ports.table}`,
        ...cloudLines,
        stateLine(stateDir, options.fresh, cleared),
        timeLine(appSettings),
        settingsLine(file),
        ...tryLines,
        "Press Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    if (stopping) return finished;
    console.error(`The dev stack could not start: ${(error as Error).message}`);
    await stopAll();
    return 1;
  }

  // Ctrl-C in a terminal signals the children too; give our own handler the first word before calling an exit unexpected.
  const watch = (child: ChildProcess, name: string) =>
    child.once("exit", (code, signal) =>
      setTimeout(() => {
        if (stopping) return;
        console.error(`${name} exited unexpectedly (${code ?? signal}); stopping the rest.`);
        void stopAll().then(() => finish(1));
      }, 250),
    );
  children.forEach((child, index) => watch(child, index === children.length - 1 ? "The Functions host" : "The cloud emulators"));
  if (azurite) watch(azurite.process, "Azurite");
  return finished;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
