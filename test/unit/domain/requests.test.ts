import { instanceId, parseInstanceId, resourceNames } from "../../../shared/domain/naming";
import { parseWith } from "../../../shared/domain/problem";
import { EditRequest, QueueMessage } from "../../../shared/domain/requests";
import { designRequest } from "../../support/requests";

describe("edit and queue requests", () => {
  it("when the bandwidth is a FastConnect shape, then an edit parses; otherwise the rule is named", () => {
    expect(parseWith(EditRequest, { bandwidthMbps: 2000 })).toEqual({ ok: true, value: { bandwidthMbps: 2000 } });
    const refused = parseWith(EditRequest, { bandwidthMbps: 1500 });
    expect(!refused.ok && refused.errors[0]?.path).toBe("bandwidthMbps");
  });

  it("when a queue message carries a setup request, then the setup schema validates it", () => {
    const ok = parseWith(QueueMessage, { action: "setup", ticketId: "CHG1", request: designRequest() });
    expect(ok.ok).toBe(true);
    const bad = parseWith(QueueMessage, { action: "setup", ticketId: "CHG1", request: designRequest((r) => (r.bgp.primary = "10.99.0.0/29")) });
    expect(!bad.ok && bad.errors[0]).toEqual({ path: "request.bgp.primary", message: expect.stringContaining("must be a /30") });
  });

  it("when the action is unknown or the ticket missing, then the message is refused naming the field", () => {
    const unknown = parseWith(QueueMessage, { action: "explode", ticketId: "CHG1", request: {} });
    expect(!unknown.ok && unknown.errors[0]?.path).toBe("action");
    const noTicket = parseWith(QueueMessage, { action: "teardown", request: { name: "erp-db-link" } });
    expect(!noTicket.ok && noTicket.errors).toContainEqual({ path: "ticketId", message: "is required" });
  });
});

describe("naming", () => {
  it("when an instance id is built, then it parses back to its parts", () => {
    const id = instanceId("erp-db-link", "teardown", 3);
    expect(id).toBe("erp-db-link.teardown.3");
    expect(parseInstanceId(id)).toEqual({ name: "erp-db-link", operation: "teardown", generation: 3 });
    expect(parseInstanceId("erp-db-link.reboot.1")).toBeNull();
  });

  it("when names are derived, then the gateway is per VNet and everything else per interconnect", () => {
    const a = resourceNames("link-a", "vnet-app");
    const b = resourceNames("link-b", "vnet-app");
    expect(a.expressRouteGateway).toBe(b.expressRouteGateway);
    expect(a.expressRouteCircuit).not.toBe(b.expressRouteCircuit);
  });
});
