// The '@azure/functions-core' module the Functions worker normally provides to an app. @azure/functions calls it to
// register functions, hooks and its ProgrammingModel; the dev host reads what was registered from `registry`.
// One module instance = one registry: per process at run time, per test file under jest (moduleNameMapper).
import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from "./coreTypes";

export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

export type SystemLogSink = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

export interface CoreRegistry {
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, HookCallback[]>;
  programmingModel: ProgrammingModel | undefined;
  appHookData: Record<string, unknown>;
  logSink: SystemLogSink;
}

export const registry: CoreRegistry = {
  functions: new Map(),
  hooks: new Map(),
  programmingModel: undefined,
  appHookData: {},
  logSink: (level, _category, message) => {
    if (level === "error" || level === "critical" || level === "warning") console.error(message);
  },
};

export const version = "3.10.1-interlink-dev-host";
export const hostVersion = "4.1037.0";

export class Disposable {
  static from(...disposables: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => disposables.forEach((item) => item.dispose()));
  }

  #callOnDispose: (() => unknown) | undefined;

  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }

  dispose(): unknown {
    const callback = this.#callOnDispose;
    this.#callOnDispose = undefined;
    return callback?.();
  }
}

export function registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
  // The worker rejects duplicate names; so does the host.
  if (registry.functions.has(metadata.name.toLowerCase())) {
    throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
  }
  registry.functions.set(metadata.name.toLowerCase(), { metadata, callback });
  return new Disposable(() => registry.functions.delete(metadata.name.toLowerCase()));
}

export function setProgrammingModel(model: ProgrammingModel): void {
  registry.programmingModel = model;
}

export function getProgrammingModel(): ProgrammingModel | undefined {
  return registry.programmingModel;
}

export function registerHook(hookName: string, callback: HookCallback): Disposable {
  const list = registry.hooks.get(hookName) ?? [];
  list.push(callback);
  registry.hooks.set(hookName, list);
  return new Disposable(() => {
    const index = list.indexOf(callback);
    if (index >= 0) list.splice(index, 1);
  });
}

export function log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
  registry.logSink(level, category, message);
}
