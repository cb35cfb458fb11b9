// Writes docs/request-reference.md from the request schemas (the same JSON Schema the OpenAPI document
// publishes), so the reference cannot drift from what the API accepts. `npm run docs` regenerates it;
// test/unit/docs/request-reference.test.ts fails when the file is out of date.
import { z } from "zod";
import { REQUEST_SCHEMAS } from "../../functions/http/openapi-document";

interface JsonSchema {
  type?: string | string[];
  description?: string;
  examples?: unknown[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
}

/** One documented field. */
export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  defaultValue?: unknown;
  example?: unknown;
  description?: string;
  /** Set on fields of one variant of a union (e.g. `oci.security` with mode securityList). */
  when?: string;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** The JSON Schemas of the request bodies, as published (input form: defaulted fields are optional). */
export function requestJsonSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(REQUEST_SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: "draft-2020-12", io: "input", uri: (id) => `#${id}`, unrepresentable: "any" });
  return generated.schemas as Record<string, JsonSchema>;
}

function variantsOf(schema: JsonSchema): JsonSchema[] | undefined {
  return schema.oneOf ?? schema.anyOf;
}

/** A union's variants labelled by their discriminator (`scenario: "interconnect"`), when they have one. */
function variantLabel(variant: JsonSchema): { key: string; value: string } | undefined {
  for (const [key, property] of Object.entries(variant.properties ?? {})) {
    if (property.const !== undefined) return { key, value: String(property.const) };
  }
  return undefined;
}

function typeOf(schema: JsonSchema): string {
  if (schema.$ref) {
    const section = SECTIONS.find((candidate) => candidate.id === schema.$ref?.slice(1));
    return section ? `a [${section.title.toLowerCase()}](#${anchor(section.title)})` : `a ${schema.$ref.slice(1)}`;
  }
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(", ")}`;
  const variants = variantsOf(schema);
  if (variants) return `one of ${variants.length} shapes (below)`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  const limits: string[] = [];
  if (type === "array") {
    const items = schema.items ? typeOf(schema.items) : "any";
    if (schema.minItems !== undefined && schema.maxItems !== undefined) limits.push(`${schema.minItems}-${schema.maxItems} items`);
    else if (schema.minItems !== undefined) limits.push(`at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
    else if (schema.maxItems !== undefined) limits.push(`at most ${schema.maxItems} items`);
    return `array of ${items.startsWith("one of") ? `(${items})` : items}${limits.length > 0 ? `, ${limits.join(", ")}` : ""}`;
  }
  if (schema.minimum !== undefined && schema.minimum > -SAFE) limits.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < SAFE) limits.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.minLength > 0) limits.push(`at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"}`);
  if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
  if (schema.pattern) limits.push(`matches \`${schema.pattern}\``);
  return limits.length > 0 ? `${type}, ${limits.join(", ")}` : type;
}

/** Every field of an object schema, depth first; arrays of objects continue with `[]`, unions per variant. */
export function fieldsOf(schema: JsonSchema, prefix = "", when?: string): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    rows.push({
      path,
      type: typeOf(property),
      required: required.has(name),
      ...(property.default !== undefined ? { defaultValue: property.default } : {}),
      ...(property.examples?.[0] !== undefined ? { example: property.examples[0] } : {}),
      ...(property.description ? { description: property.description } : {}),
      ...(when ? { when } : {}),
    });
    rows.push(...childrenOf(property, path, when));
  }
  return rows;
}

function childrenOf(schema: JsonSchema, path: string, when: string | undefined): FieldRow[] {
  if (schema.$ref) return [];
  if (schema.properties) return fieldsOf(schema, path, when);
  if (schema.items && (schema.items.properties || variantsOf(schema.items))) return childrenOf(schema.items, `${path}[]`, when);
  const variants = variantsOf(schema);
  if (!variants) return [];
  const labels = variants.map(variantLabel);
  const key = labels[0]?.key;
  if (!key || labels.some((label) => label?.key !== key)) return variants.flatMap((variant) => fieldsOf(variant, path, when));
  // A discriminated union: its discriminator once (with what each value means), then each variant's own fields.
  const meanings = variants.map((variant, index) => `\`${labels[index]?.value ?? "?"}\`: ${variant.properties?.[key]?.description ?? ""}`.trim());
  const discriminator: FieldRow = { path: `${path}.${key}`, type: `one of ${labels.map((label) => `\`${label?.value ?? "?"}\``).join(", ")}`, required: true, description: meanings.join(" "), ...(when ? { when } : {}) };
  return [
    discriminator,
    ...variants.flatMap((variant, index) => fieldsOf(variant, path, `${path}.${key} is \`${labels[index]?.value ?? "?"}\``).filter((row) => row.path !== discriminator.path)),
  ];
}

const anchor = (title: string) => title.toLowerCase().replace(/ /g, "-");
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

function table(rows: FieldRow[]): string[] {
  const lines = ["| Field | Type and limits | Required | Example | Meaning and rules |", "| --- | --- | --- | --- | --- |"];
  for (const row of rows) {
    const required = row.required ? "required" : row.defaultValue !== undefined ? `no (default ${code(row.defaultValue)})` : "no";
    const meaning = [row.when ? `When ${row.when}: ` : "", row.description ?? ""].join("");
    lines.push(`| \`${row.path}\` | ${cell(row.type)} | ${cell(required)} | ${row.example !== undefined ? cell(code(row.example)) : ""} | ${cell(meaning)} |`);
  }
  return lines;
}

interface Section {
  id: string;
  title: string;
  usedBy: string;
  /** Rules that involve several fields (checked by the schema's refinements, not expressible per field). */
  crossFieldRules?: string[];
}

const SECTIONS: Section[] = [
  {
    id: "SetupRequest",
    title: "Setup request",
    usedBy: "`POST /api/interconnects`, `POST /api/interconnects/plan`, `POST /api/policies/check|plan|apply`, the queue's `setup` action and `interlink validate|plan|check-permissions`",
    crossFieldRules: [
      "`azure.region`, `oci.region` and `azure.circuit.peeringLocation` must be a pair Oracle interconnects (the catalogue in `shared/domain/catalogue.ts`; the error lists the supported values).",
      "`azure.circuit.sku`: the `Local` tier is only sold with the `UnlimitedData` family.",
      "The VNet address spaces, the VCN CIDRs, the peered VCNs' CIDRs and both BGP blocks must not overlap one another.",
      "`bgp.primary` and `bgp.secondary` are /30 blocks and differ.",
      "`azure.gatewaySubnetPrefix` is /27 or larger, lies inside `azure.vnet.addressSpaces` (when given) and overlaps nothing on the OCI side.",
      "A traffic rule crosses the interconnect: one end is `azure`, the other `oci` or `oci-peered`; `oci-peered` needs `oci.peeredVcns`; `ports` only with `tcp`/`udp`, `icmp` only with `icmp`.",
      "`oci.peeredVcns[]`: a `kind` needs `vcnId`; `remote` needs `region`, another one than `oci.region`; `local` and `drg` take no other region; `drgId` only with `remote`; without a kind, `tenancyId`, `region`, `drgId` and `routeTableId` are refused (Interlink creates nothing for such a VCN). A VCN is listed once and is not `oci.vcnId`.",
      "The security rules must protect something on each side: on Azure `azure.appSubnets`, `azure.spokes[].subnets` or `azure.networkSecurityGroup`; on OCI `oci.subnetIds`, `oci.vnicIds` or `security.mode: securityList`. Otherwise a new request is refused (naming `azure.appSubnets` or `oci.subnetIds`) unless `options.allowUnboundRules` is true. `oci.vnicIds` need `security.mode: nsg`; no subnet or VNIC is listed twice.",
      "Fields left out (`azure.vnet.addressSpaces`, `oci.vcnCidrs`) are read from the clouds at preflight and every rule above is checked again.",
    ],
  },
  {
    id: "EditRequest",
    title: "Edit request (resize or topology change)",
    usedBy: "`PATCH /api/interconnects/{name}` and `POST /api/interconnects/{name}/plan` (the preview of a topology change)",
    crossFieldRules: [
      "`bandwidthMbps` goes alone: a topology change (any of `azure.spokes`, `azure.appSubnets`, `oci.peeredVcns`, `oci.routeTableIds`, `traffic`) never writes to the circuits and goes in another request.",
      "Each list given replaces the stored one whole; fields not given keep their stored value. `oci.routeTableIds` replaces a stored `oci.routeTableId`.",
      "The stored spec with the change must pass every rule of the setup request (overlaps included), and preflight checks it against the clouds again (the DRG's routes for peered CIDRs, the OCI permissions of an added peering).",
      "A peered VCN that stays (same `vcnId`) keeps its settings: to change how it is peered, remove it in one change and add it back in the next.",
    ],
  },
  { id: "OperationRequest", title: "Operation request", usedBy: "the optional body of `DELETE /api/interconnects/{name}`, `POST .../suspend` and `POST .../resume`, and of `DELETE /api/vpn-links/{name}`, `POST .../rotate-key` and `POST .../client-package`" },
  { id: "QueueMessage", title: "Queue message", usedBy: "messages on the `interconnect-requests` storage queue (base64-encoded JSON)" },
  { id: "PolicyScenarioRequest", title: "Policy scenario request", usedBy: "`POST /api/policies` and `interlink policies`" },
  { id: "PolicyLintRequest", title: "Policy lint request", usedBy: "`POST /api/policies/lint` and `interlink lint-policy`" },
  { id: "VpnLinkRequest", title: "VPN link request", usedBy: "`POST /api/vpn-links` and `POST /api/vpn-links/plan`" },
];

function sectionLines(section: Section, schema: JsonSchema): string[] {
  const lines = [`## ${section.title}`, "", `Used by ${section.usedBy}.`, ""];
  if (schema.description) lines.push(schema.description, "");
  const variants = variantsOf(schema);
  if (variants && !schema.properties) {
    for (const variant of variants) {
      const label = variantLabel(variant);
      lines.push(`### ${label ? `\`${label.key}: "${label.value}"\`` : "Variant"}`, "");
      const own = label ? variant.properties?.[label.key]?.description : undefined;
      if (own) lines.push(own, "");
      lines.push(...table(fieldsOf(variant)), "");
    }
  } else {
    lines.push(...table(fieldsOf(schema)), "");
  }
  if (section.crossFieldRules) lines.push("Rules across fields:", "", ...section.crossFieldRules.map((rule) => `- ${rule}`), "");
  return lines;
}

/** The whole document. */
export function requestReferenceMarkdown(): string {
  const schemas = requestJsonSchemas();
  const lines = [
    "# Request reference",
    "",
    "<!-- Generated from the request schemas by `npm run docs`; edit the schemas' descriptions, not this file. -->",
    "",
    "Every body Interlink accepts, field by field. A request that breaks a rule is refused before anything",
    "happens, with a 400 problem document that names each field and the rule (`errors[]` of `{ path, message }`).",
    "Unknown fields are refused too. Paths use dots for nested objects and `[]` for each item of a list.",
    "",
    ...SECTIONS.map((section) => `- [${section.title}](#${anchor(section.title)})`),
    "",
  ];
  for (const section of SECTIONS) {
    const schema = schemas[section.id];
    if (!schema) throw new Error(`no schema ${section.id}`);
    lines.push(...sectionLines(section, schema));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
