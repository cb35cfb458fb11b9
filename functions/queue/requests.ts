import { type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { REQUESTS_QUEUE } from "../../shared/domain/events";
import { currentTime } from "../../shared/config/clock";
import { handleQueueRequest } from "../../shared/operations/intake";
import { orchestrationClient } from "../durable-client";
import { eventSink, inventory } from "../runtime";

df.app.client.storageQueue("interconnectRequests", {
  queueName: REQUESTS_QUEUE,
  connection: "AzureWebJobsStorage",
  handler: async (message: unknown, client, context: InvocationContext) => {
    const messageId = String(context.triggerMetadata?.id ?? context.invocationId);
    const outcome = await handleQueueRequest({ inventory: inventory(), orchestrations: orchestrationClient(client), events: eventSink() }, message, messageId, currentTime());
    context.log(`interconnect-requests message ${messageId}: ${outcome.kind}${"instanceId" in outcome && outcome.instanceId ? ` ${outcome.instanceId}` : ""}`);
  },
});
