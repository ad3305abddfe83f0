/**
 * Validate JSON against a schema of one of omicron's OpenAPI documents in ../shared/omicron
 * (OpenAPI 3.0: `nullable`, refs into #/components/schemas).
 */
import { Ajv, type ValidateFunction } from "ajv";
import { omicronJson } from "../omicron-fixtures";

const cache = new Map<string, Ajv>();

function ajvFor(specFile: string): Ajv {
  let ajv = cache.get(specFile);
  if (!ajv) {
    const spec = omicronJson<{ components: { schemas: Record<string, unknown> } }>(specFile);
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ components: toJsonSchema(spec.components) }, specFile);
    cache.set(specFile, ajv);
  }
  return ajv;
}

/** OpenAPI 3.0 `nullable: true` → JSON Schema (ajv rejects `nullable` beside `allOf`/`$ref`). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== "nullable") out[k] = toJsonSchema(v);
  if ((node as { nullable?: unknown }).nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [{ type: "null" }, out] };
}

export function openApiValidator(specFile: string, schemaName: string): ValidateFunction {
  const ajv = ajvFor(specFile);
  const fn = ajv.getSchema(`${specFile}#/components/schemas/${schemaName}`);
  if (!fn) throw new Error(`${schemaName} not found in ${specFile}`);
  return fn;
}

/** Errors as readable lines, or [] when the value is valid. */
export function schemaErrors(specFile: string, schemaName: string, value: unknown): string[] {
  const validate = openApiValidator(specFile, schemaName);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}

export const SPLIT_SPEC = "sled-agent-openapi-2025-01-06-split-endpoints.json";
export const RECONCILER_SPEC = "sled-agent-openapi-v48-latest.json";
