/**
 * Contract checks against omicron's OpenAPI documents (../shared/omicron): ajv over the spec's
 * `#/components/schemas`, with OpenAPI 3.0's `nullable` rewritten to JSON Schema
 * (`anyOf [schema, null]`), since ajv only honours `nullable` next to a `type`.
 */
import Ajv, { type ValidateFunction } from "ajv";
import { omicronJson } from "~/test/omicron-fixtures";

export type SpecName = "split" | "v48" | "nexus-lockstep" | "nexus-jan2025";

const FILES: Record<SpecName, string> = {
  split: "sled-agent-openapi-2025-01-06-split-endpoints.json",
  v48: "sled-agent-openapi-v48-latest.json",
  "nexus-lockstep": "nexus-lockstep-openapi-latest-blueprint-schema.json",
  "nexus-jan2025": "nexus-internal-openapi-2025-01-06-blueprint-schema.json",
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = rewriteNullable(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  const { description, title, default: dflt, ...schema } = out;
  return { description, title, default: dflt, anyOf: [schema, { type: "null" }] };
}

const cache = new Map<SpecName, Ajv>();

function ajvFor(spec: SpecName): Ajv {
  let ajv = cache.get(spec);
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addFormat("uuid", UUID);
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  for (const f of [
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "int64",
    "uint",
    "ip",
    "ipv4",
    "ipv6",
    "Utf8PathBuf",
    "hex string (32 bytes)",
  ]) {
    ajv.addFormat(f, true);
  }
  const doc = rewriteNullable(omicronJson(FILES[spec])) as Record<string, unknown>; // a JSON document
  ajv.addSchema({ ...doc, $id: spec });
  cache.set(spec, ajv);
  return ajv;
}

/** Validation errors of `value` against `#/components/schemas/<name>` (empty: valid). */
export function specErrors(spec: SpecName, name: string, value: unknown): string[] {
  const validate = ajvFor(spec).getSchema(`${spec}#/components/schemas/${name}`) as
    ValidateFunction | undefined;
  if (!validate) throw new Error(`no schema ${name} in the ${spec} spec`);
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .slice(0, 20)
    .map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Which schema each endpoint's request and success response use, per spec (from `paths`). */
export function operationSchemas(
  spec: SpecName,
  method: "get" | "put" | "post" | "delete",
  path: string,
): { request: string | null; response: string | null; status: string } {
  const doc = omicronJson<{ paths: Record<string, Record<string, OperationJson>> }>(FILES[spec]);
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`${spec} spec has no ${method.toUpperCase()} ${path}`);
  const ref = (s?: { $ref?: string }) => s?.$ref?.split("/").pop() ?? null;
  const [status, response] = Object.entries(op.responses).find(([code]) =>
    code.startsWith("2"),
  ) ?? ["?", {}];
  return {
    request: ref(op.requestBody?.content["application/json"]?.schema),
    response: ref(response.content?.["application/json"]?.schema),
    status,
  };
}

interface OperationJson {
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
