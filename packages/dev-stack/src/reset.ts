// `npm run reset`: clears the dev stack's state (Azurite data, the emulated clouds, the host's orchestrations and
// timers) together, so the next `npm start` begins empty. Refuses while a stack uses the directory.
import path from "node:path";
import { busyMessage, clearState, stackUsing } from "./state";
import { StackSettingsError, stackEnvironment } from "./settings";
import { displayPath } from "./paths";

export function reset(argv: string[], environment: NodeJS.ProcessEnv = process.env): number {
  let stateDir: string;
  try {
    const settings = stackEnvironment(environment);
    let app = path.resolve(settings.INTERLINK_APP_ROOT ?? ".");
    for (let index = 0; index < argv.length; index++) {
      if (argv[index] === "--app" && argv[index + 1]) app = path.resolve(argv[++index] as string);
      else throw new StackSettingsError(`unknown argument ${argv[index]}; usage: reset.js [--app <dir>]`);
    }
    stateDir = path.resolve(settings.INTERLINK_STATE_DIR ?? path.join(app, ".interlink"));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const pid = stackUsing(stateDir);
  if (pid !== undefined) {
    console.error(busyMessage(displayPath(stateDir), pid));
    return 1;
  }
  const cleared = clearState(stateDir);
  console.log(cleared.length > 0 ? `Cleared the dev stack's state in ${displayPath(stateDir)}: ${cleared.join(", ")}.` : `Nothing to clear in ${displayPath(stateDir)}.`);
  return 0;
}

if (require.main === module) process.exit(reset(process.argv.slice(2)));
