import path from "node:path";
import { type StartedProcess, startNode as startNodeIn } from "@interlink/functions-host/testing";

export { alive, descendants, freePort, type StartedProcess } from "@interlink/functions-host/testing";

export const repoRoot = path.resolve(__dirname, "../..");

/** Runs a compiled script of this repository (a path from its root), in the root, with captured output. */
export const startNode = (script: string, args: string[], env: NodeJS.ProcessEnv): StartedProcess => startNodeIn(script, args, env, repoRoot);
