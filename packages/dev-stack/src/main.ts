// `npm start`: the offline dev stack. Azurite (data under .interlink/azurite), the cloud emulators when
// CLOUD_MODE=emulator, and the Functions dev host on 7071 running the compiled app in the working directory (or
// --app). Ctrl-C stops every child.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { killOnExit, startAzurite, stopChild, waitForOutput, type Azurite } from "@interlink/functions-host";

interface PortSetting {
  setting: string;
  port: number;
}

function portFrom(setting: string, fallback: number): PortSetting {
  const raw = process.env[setting];
  const port = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${setting}=${raw} is not a port number`);
  return { setting, port };
}

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

const LocalSettings = z.object({ Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}) });

/**
 * A fresh clone has only local.settings.example.json. `func` would read nothing; the stack hands the example's
 * Values to the host as environment instead (variables already set win), so `npm start` works out of the box.
 */
function exampleSettings(app: string): Record<string, string> {
  if (existsSync(path.join(app, "local.settings.json"))) return {};
  const example = path.join(app, "local.settings.example.json");
  if (!existsSync(example)) return {};
  const values = LocalSettings.parse(JSON.parse(readFileSync(example, "utf8"))).Values;
  console.log(`local.settings.json not found: using the settings in ${displayPath(example)}.`);
  return Object.fromEntries(Object.entries(values).filter(([name]) => process.env[name] === undefined).map(([name, value]) => [name, String(value)]));
}

/** The compiled entry point a tooling package exports, or undefined while that package is not built yet. */
function compiledEntry(specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}

/** Relative to the working directory when inside it, absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function parseArgs(argv: string[]): { app: string } {
  // Like `func start`, the app is the working directory unless told otherwise (npm start runs in the repository root).
  let app = path.resolve(process.env.INTERLINK_APP_ROOT ?? ".");
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === "--app" && argv[index + 1]) app = path.resolve(argv[++index] as string);
    else throw new Error(`unknown argument ${argv[index]}; usage: main.js [--app <dir>]`);
  }
  return { app };
}

export async function main(argv: string[]): Promise<number> {
  const { app } = parseArgs(argv);
  const stateDir = path.resolve(process.env.INTERLINK_STATE_DIR ?? path.join(app, ".interlink"));
  const cloudMode = (process.env.CLOUD_MODE ?? "emulator").toLowerCase();
  // INTERLINK_CLOUD_EMULATOR points at another script honouring the same contract (tests use a stand-in).
  const cloudScript = process.env.INTERLINK_CLOUD_EMULATOR ? path.resolve(process.env.INTERLINK_CLOUD_EMULATOR) : compiledEntry("@interlink/cloud-emulators/main");
  const runCloud = cloudMode === "emulator" && cloudScript !== undefined && existsSync(cloudScript);

  const functionsPort = portFrom("FUNCTIONS_PORT", 7071);
  const azuritePorts = { blob: portFrom("AZURITE_BLOB_PORT", 10000), queue: portFrom("AZURITE_QUEUE_PORT", 10001), table: portFrom("AZURITE_TABLE_PORT", 10002) };
  const cloudPorts = runCloud ? [portFrom("AZURE_EMULATOR_PORT", 8443), portFrom("OCI_EMULATOR_PORT", 8444)] : [];
  for (const { setting, port } of [functionsPort, azuritePorts.blob, azuritePorts.queue, azuritePorts.table, ...cloudPorts]) {
    if (port !== 0 && !(await portIsFree(port))) {
      console.error(`Port ${port} on 127.0.0.1 is already in use: stop what uses it or set ${setting} to another port.`);
      return 1;
    }
  }

  const children: ChildProcess[] = [];
  let azurite: Azurite | undefined;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const child of [...children].reverse()) await stopChild(child, "SIGTERM");
    await azurite?.stop();
  };

  try {
    azurite = await startAzurite({ ports: { blob: azuritePorts.blob.port, queue: azuritePorts.queue.port, table: azuritePorts.table.port }, location: path.join(stateDir, "azurite") });
    const hostEnv: NodeJS.ProcessEnv = { ...exampleSettings(app), ...process.env, AzureWebJobsStorage: azurite.connectionString, CLOUD_MODE: cloudMode };
    let cloudLines: string[];
    if (runCloud) {
      // One time scale for both: the host's durable timers and the emulators' provisioning run at the same speed.
      const timeScale = hostEnv.INTERLINK_TIME_SCALE ?? "1";
      const cloud = await startCloudEmulators(cloudScript, app, {
        ...process.env,
        INTERLINK_STATE_DIR: stateDir,
        EMULATOR_TIME_SCALE: timeScale,
        AZURE_EMULATOR_PORT: String(cloudPorts[0]?.port),
        OCI_EMULATOR_PORT: String(cloudPorts[1]?.port),
      });
      children.push(cloud.child);
      Object.assign(hostEnv, {
        AZURE_ARM_ENDPOINT: cloud.endpoints.azure.endpoint,
        AZURE_ARM_CA_FILE: cloud.endpoints.azure.caFile,
        OCI_ENDPOINT: cloud.endpoints.oci.endpoint,
        OCI_CONFIG_FILE: cloud.endpoints.oci.configFile,
        OCI_PROFILE: cloud.endpoints.oci.profile,
      });
      cloudLines = [`  Azure ARM emulator  ${cloud.endpoints.azure.endpoint}  (CA: ${cloud.endpoints.azure.caFile})`, `  OCI emulator        ${cloud.endpoints.oci.endpoint}  (config: ${cloud.endpoints.oci.configFile})`];
    } else if (cloudMode === "emulator") {
      console.warn("warning: the cloud emulators are not built yet (npm run build); starting without them.");
      cloudLines = ["  Cloud emulators     not available (skipped)"];
    } else cloudLines = [`  Clouds              live (CLOUD_MODE=${cloudMode})`];

    const cli = compiledEntry("@interlink/functions-host/cli");
    if (!cli) throw new Error("the Functions dev host is not built yet: run npm run build");
    const host = spawn(process.execPath, [cli, "start", "--app", app, "--port", String(functionsPort.port), "--state", path.join(stateDir, "host")], { cwd: app, env: hostEnv, stdio: ["ignore", "pipe", "pipe"] });
    killOnExit(host);
    children.push(host);
    host.stdout?.pipe(process.stdout);
    host.stderr?.pipe(process.stderr);
    const ready = await waitForOutput(host, /Host started: (http:\/\/\S+)/, 30_000, () => "(see the host output above)");
    const origin = ready[1] as string;

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
        `  Azurite             blob ${azurite.ports.blob}, queue ${azurite.ports.queue}, table ${azurite.ports.table}  (data: ${displayPath(path.join(stateDir, "azurite"))})`,
        ...cloudLines,
        ...tryLines,
        "Press Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    console.error(`The dev stack could not start: ${(error as Error).message}`);
    await stopAll();
    return 1;
  }

  return new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      console.log(`\nReceived ${signal}, stopping the dev stack...`);
      void stopAll().then(() => resolve(0));
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    // Ctrl-C in a terminal signals the children too; give our own handler the first word before calling an exit unexpected.
    const watch = (child: ChildProcess, name: string) =>
      child.once("exit", (code, signal) =>
        setTimeout(() => {
          if (stopping) return;
          console.error(`${name} exited unexpectedly (${code ?? signal}); stopping the rest.`);
          void stopAll().then(() => resolve(1));
        }, 250),
      );
    children.forEach((child, index) => watch(child, index === children.length - 1 ? "The Functions host" : "The cloud emulators"));
    if (azurite) watch(azurite.process, "Azurite");
  });
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
