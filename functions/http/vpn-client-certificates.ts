import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { currentTime } from "../../shared/config/clock";
import { issueClientCertificate } from "../../shared/clouds/p2s-certificates";
import { InterconnectName } from "../../shared/domain/identifiers";
import { type ClientCertificateIssued, ClientCertificateRequest, p2sRootSecretName, StoredP2sRoot } from "../../shared/domain/p2s-root";
import { parseWith } from "../../shared/domain/problem";
import { secretStore, vpnLinks } from "../runtime";
import { MUTATING_AUTH } from "./auth";
import { readJson } from "./body";
import { badRequest, conflict, guarded, json, notFound } from "./respond";

/** States in which the gateway trusts the link's root, so a client certificate is worth issuing. */
const ISSUING_STATES = ["Active", "Degraded"];

/**
 * `POST /api/vpn-links/{name}/client-certificates`: a client certificate signed by a point-to-site link's root. The
 * private key is in this response only: Interlink neither stores nor logs it, and cannot give it again.
 */
export async function issueClientCertificateRoute(request: HttpRequest): Promise<HttpResponseInit> {
  const name = parseWith(InterconnectName, request.params.name);
  if (!name.ok) return badRequest(name.errors.map((error) => ({ ...error, path: "name" })));
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = parseWith(ClientCertificateRequest, body.value);
  if (!parsed.ok) return badRequest(parsed.errors, "The client certificate request is not valid");
  const record = await vpnLinks().get(name.value);
  if (!record || record.state === "Deleted") return notFound(`no VPN link named ${name.value}`);
  if (record.spec.type !== "point-to-site") return conflict(`${name.value} is a ${record.spec.type} link: client certificates are for point-to-site links`);
  if (!ISSUING_STATES.includes(record.state)) return conflict(`${name.value} is ${record.state}: client certificates are issued once it is Active`);
  const stored = await secretStore().get(p2sRootSecretName(name.value));
  if (!stored) return conflict(`${name.value} has no root certificate key in the secret store: tear it down and set it up again`);
  const root = StoredP2sRoot.parse(JSON.parse(stored));
  const issued = await issueClientCertificate(root, parsed.value.commonName, currentTime());
  const issuedBody: ClientCertificateIssued = {
      link: name.value,
      commonName: parsed.value.commonName,
      certificatePem: issued.certificatePem,
      privateKeyPem: issued.privateKeyPem,
      thumbprint: issued.thumbprint,
      notAfter: issued.notAfter,
      rootCertificateThumbprint: record.resources.rootCertificateThumbprint ?? null,
      note: "The private key is returned once: Interlink does not keep it. Install both on the client with the VPN client package.",
  };
  return json(201, issuedBody, { "Cache-Control": "no-store" });
}

app.http("issueVpnClientCertificate", {
  route: "vpn-links/{name}/client-certificates",
  methods: ["POST"],
  authLevel: MUTATING_AUTH,
  handler: guarded(
    async (request: HttpRequest, _context: InvocationContext) => issueClientCertificateRoute(request),
    (_request, context) => (message) => context.error(message),
  ),
});
