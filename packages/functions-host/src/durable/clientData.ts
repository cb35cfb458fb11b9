// The durable client binding payload the extension injects for every durableClient input (BindingHelper
// .DurableOrchestrationClientToString). rpcBaseUrl makes DurableClient send every call to the extension's own
// loopback listener, which needs no key; the public URLs (webhookPath on the host's port) carry the system key
// as `code` when keys are enforced, as in Azure.
export const webhookPath = "/runtime/webhooks/durabletask";
/** The management API's path on the internal RPC listener (the real extension's `http://127.0.0.1:17071/durabletask/`). */
export const rpcPath = "/durabletask";

export interface ClientDataOptions {
  /** Origin of the internal RPC listener; without it DurableClient calls the public webhook URLs. */
  rpcOrigin?: string;
  /** The Durable system key, added as `code` to the public URLs (when keys are enforced). */
  systemKey?: string;
}

export function durableClientData(origin: string, hubName: string, options: ClientDataOptions = {}): Record<string, unknown> {
  const base = `${origin}${webhookPath}`;
  const code = options.systemKey ? `code=${encodeURIComponent(options.systemKey)}` : "";
  const query = `taskHub=${hubName}&connection=Storage${code ? `&${code}` : ""}`;
  const instance = `${base}/instances/INSTANCEID`;
  return {
    taskHubName: hubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
      id: "INSTANCEID",
      statusQueryGetUri: `${instance}?${query}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
      terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
      rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
      purgeHistoryDeleteUri: `${instance}?${query}`,
      restartPostUri: `${instance}/restart?${query}`,
      suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
      resumePostUri: `${instance}/resume?reason={text}&${query}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: code,
    rpcBaseUrl: options.rpcOrigin ? `${options.rpcOrigin}${rpcPath}/` : `${base}/`,
  };
}
