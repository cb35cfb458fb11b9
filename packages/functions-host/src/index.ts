/**
 * The dev host's helpers for whatever runs it: Azurite for its storage, and child-process handling. The host itself
 * runs from the CLI (`@interlink/functions-host/cli`); tests use `@interlink/functions-host/testing`.
 */
export { startAzurite, type Azurite, type AzuriteOptions } from "./storage/azurite";
export { developmentStorageConnectionString } from "./storage/connection";
export { killOnExit, stopChild, waitForOutput } from "./processes";
