import { parseArgs } from "node:util";
import { parseSettings, SettingsError } from "../shared/config/settings";
import { validateSetup } from "../shared/domain/dry-run";
import { type SetupRequest } from "../shared/domain/setup-request";
import { type DoctorCheck, type DoctorReport, runDoctor } from "./doctor-checks";
import { readInput } from "./io";

export const DOCTOR_SUMMARY = "live-mode preflight: can Interlink's Azure and OCI identities read and change what the requests need";

const USAGE = `usage: interlink doctor <request.json|-> [more requests...] [--format text|json]

Checks, with the settings in the environment (the app's own: CLOUD_MODE, OCI_*, AZURE_*), that Azure gives a
token and lets Interlink read each request's VNet and perform every action it needs in the resource group, and
that OCI accepts the signed requests and shows the compartment's VCN and DRG. Read-only: nothing is created.
Exit status: 0 all present, 1 something is missing (printed with the fix), 2 invalid input.`;

export interface DoctorIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin?: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

const LABEL: Record<DoctorCheck["status"], string> = { ok: "ok", missing: "MISSING", error: "ERROR", skipped: "skipped" };

export function formatDoctorText(report: DoctorReport): string {
  const lines = [`interlink doctor (CLOUD_MODE=${report.mode})`];
  for (const check of report.checks) {
    lines.push(`${LABEL[check.status].padEnd(8)} ${check.cloud.padEnd(6)} ${check.check}: ${check.detail}`);
    if (check.fix && check.status !== "ok") lines.push(`${" ".repeat(16)}fix: ${check.fix}`);
  }
  lines.push(report.problems === 0 ? "Everything Interlink needs is in place." : `${report.problems} problem(s) found.`);
  return lines.join("\n");
}

/** `interlink doctor`: returns the exit status; never throws. */
export async function doctor(args: string[], io: DoctorIo): Promise<number> {
  let values: { format?: string; help?: boolean };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    io.stderr.write(`interlink doctor: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (files.length === 0 || (values.format !== "text" && values.format !== "json")) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const settings = parseSettings(io.env ?? process.env);
    const requests: SetupRequest[] = [];
    for (const file of files) {
      const text = await readInput(file, io.stdin ?? process.stdin);
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch (error) {
        io.stderr.write(`interlink doctor: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
      const request = validateSetup(json);
      if (!request.ok) {
        io.stderr.write(`interlink doctor: ${file} is not a valid setup request:\n${request.problem.errors.map((error) => `  ${error.path || "(input)"}: ${error.message}\n`).join("")}`);
        return 2;
      }
      requests.push(request.value);
    }
    const report = await runDoctor(settings, requests);
    io.stdout.write(values.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctorText(report)}\n`);
    return report.problems === 0 ? 0 : 1;
  } catch (error) {
    io.stderr.write(`interlink doctor: ${error instanceof SettingsError ? "the settings are not valid: " : ""}${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof SettingsError ? 2 : 1;
  }
}
