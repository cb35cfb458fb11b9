// At run time the app resolves '@azure/functions-core' the way the real worker makes it resolve: by a proxy on
// Module.prototype.require. Under jest this does not apply (jest has its own require); jest.project.js maps the
// module name to ./functionsCore instead.
import Module from "node:module";
import * as functionsCore from "./functionsCore";

let installed = false;

export function installFunctionsCore(): void {
  if (installed) return;
  installed = true;
  Module.prototype.require = new Proxy(Module.prototype.require, {
    apply(target, thisArg, args: unknown[]) {
      return args[0] === "@azure/functions-core" ? functionsCore : Reflect.apply(target, thisArg, args);
    },
  });
}
