// The durable client binding payload the extension injects for every durableClient input (BindingHelper
// .DurableOrchestrationClientToString). rpcBaseUrl makes DurableClient send every call to this host's management API.
export const webhookPath = "/runtime/webhooks/durabletask";

export function durableClientData(origin: string, hubName: string): Record<string, unknown> {
  const base = `${origin}${webhookPath}`;
  const query = `taskHub=${hubName}&connection=Storage`;
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
    requiredQueryStringParameters: "",
    rpcBaseUrl: `${base}/`,
  };
}
