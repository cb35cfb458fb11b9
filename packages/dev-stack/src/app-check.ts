import { spawn } from "node:child_process";

/**
 * Loads the app once in the host's `check` mode with the settings the host will be given, so a bad setting stops
 * the stack before anything starts. Returns the host's one line when the app refuses to load.
 */
export function checkApp(hostCli: string, app: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hostCli, "check", "--app", app], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.resume();
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) return resolve(undefined);
      const lines = errors.split("\n").filter((line) => line.trim() !== "");
      resolve(lines.find((line) => line.startsWith("Cannot load the app")) ?? lines.at(-1) ?? `The app in ${app} did not load (exit ${code}).`);
    });
  });
}
