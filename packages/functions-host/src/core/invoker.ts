// Invokes a registered function through the programming model's own pipeline, as the worker's InvocationHandler does:
// getInvocationModel -> getArguments -> preInvocation hooks -> invokeFunction -> postInvocation hooks -> getResponse.
import { randomUUID } from "node:crypto";
import type {
  CoreInvocationContext,
  FunctionMetadata,
  RpcBindingInfo,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
  RpcParameterBinding,
  RpcRetryContext,
  RpcTypedData,
} from "./coreTypes";
import { registry, type RegisteredFunction } from "./functionsCore";

export interface InvocationRequest {
  inputData?: RpcParameterBinding[];
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: RpcRetryContext;
  /** Runs on the InvocationContext after getArguments, before any hook or the handler. */
  prepare?: (context: unknown) => void;
}

export type InvocationOutcome =
  | { ok: true; response: RpcInvocationResponse; context: unknown; invocationId: string }
  | { ok: false; error: Error; context: unknown; invocationId: string };

export type FunctionLogger = (functionName: string, invocationId: string, level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

function readOnly(name: string): never {
  throw new Error(`Cannot assign to read only property '${name}'`);
}

function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === "string" ? value : JSON.stringify(value));
}

export class Invoker {
  constructor(private readonly logger: FunctionLogger) {}

  get functions(): RegisteredFunction[] {
    return [...registry.functions.values()];
  }

  find(name: string): RegisteredFunction | undefined {
    return registry.functions.get(name.toLowerCase());
  }

  /** The binding of the function's trigger (the one `*Trigger` binding). */
  static trigger(metadata: FunctionMetadata): RpcBindingInfo & { name: string } {
    for (const [name, binding] of Object.entries(metadata.bindings)) {
      if (binding.direction === "in" && typeof binding.type === "string" && /trigger$/i.test(binding.type)) return { ...binding, name };
    }
    throw new Error(`Function "${metadata.name}" has no trigger binding`);
  }

  async invoke(functionName: string, request: InvocationRequest): Promise<InvocationOutcome> {
    const registered = this.find(functionName);
    if (!registered) throw new Error(`Function "${functionName}" is not registered`);
    const model = registry.programmingModel;
    if (!model) throw new Error("The app did not set a programming model (is @azure/functions loaded?)");
    const invocationId = randomUUID();
    const { metadata } = registered;
    const logger = this.logger;
    const { prepare, ...rpcRequest } = request;
    const coreContext: CoreInvocationContext = {
      invocationId,
      request: { invocationId, functionId: metadata.name, ...rpcRequest },
      metadata,
      log(level, category, message) {
        logger(metadata.name, invocationId, level, category, message);
      },
    };

    let context: unknown;
    try {
      const invocationModel = await model.getInvocationModel(coreContext);
      const args = await invocationModel.getArguments();
      context = args.context;
      prepare?.(context);
      let inputs = args.inputs;
      let callback = registered.callback;
      const hookData: Record<string, unknown> = {};
      const base = {
        get hookData() {
          return hookData;
        },
        set hookData(_value: unknown) {
          readOnly("hookData");
        },
        get appHookData() {
          return registry.appHookData;
        },
        set appHookData(_value: unknown) {
          readOnly("appHookData");
        },
        get invocationContext() {
          return context;
        },
        set invocationContext(_value: unknown) {
          readOnly("invocationContext");
        },
      };
      const pre = Object.assign(Object.create(null) as object, { functionCallback: callback, inputs });
      Object.defineProperties(pre, Object.getOwnPropertyDescriptors(base));
      coreContext.state = "preInvocationHooks";
      try {
        for (const hook of registry.hooks.get("preInvocation") ?? []) await hook(pre as Record<string, unknown>);
      } finally {
        coreContext.state = undefined;
      }
      inputs = (pre as { inputs: unknown[] }).inputs;
      callback = (pre as { functionCallback: typeof callback }).functionCallback;

      const post = Object.assign(Object.create(null) as object, { inputs, result: null as unknown, error: null as unknown });
      Object.defineProperties(post, Object.getOwnPropertyDescriptors(base));
      const postState = post as { result: unknown; error: unknown };
      coreContext.state = "invocation";
      try {
        postState.result = await invocationModel.invokeFunction(context, inputs, callback);
      } catch (error) {
        postState.error = error;
      } finally {
        coreContext.state = undefined;
      }
      coreContext.state = "postInvocationHooks";
      try {
        for (const hook of registry.hooks.get("postInvocation") ?? []) await hook(post as Record<string, unknown>);
      } finally {
        coreContext.state = undefined;
      }
      if (postState.error !== null && postState.error !== undefined) return { ok: false, error: toError(postState.error), context, invocationId };
      const response = await invocationModel.getResponse(context, postState.result);
      return { ok: true, response, context, invocationId };
    } catch (error) {
      return { ok: false, error: toError(error), context, invocationId };
    }
  }
}
