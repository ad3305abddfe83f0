/**
 * A fast path for the common case: a well-formed omicron HEAD Blueprint (items as arrays).
 * zod's `looseObject` copies every object it checks and runs its machinery per field, which
 * made the import 2–3× JSON.parse on a large rack (docs/BENCHMARKS.md). This walks the same
 * fields by hand and accepts only what `blueprintSchema` (schema-current.ts) accepts; on
 * anything else — a failed check, the 2025 id-keyed layout, an own `__proto__` key, an object
 * with another prototype — it answers `null` and the caller runs the schema, which produces
 * the errors (and the result) exactly as before.
 *
 * The model it builds is the one `importCurrent` builds from the schema's output: the same
 * normalise functions run on the input objects instead of zod's copies. zod's copies differ
 * from their inputs only in key order (declared keys first), which only shows where a copy
 * reaches the model unchanged: a zone's `zone_type` (and its `dataset`), rebuilt below in
 * zod's order. lib/blueprint/import-fast.test.ts compares both paths on generated and
 * mutated documents.
 */
import type { SledConfig, ZoneType } from "./model";
import {
  datasetFromJson,
  diskFromJson,
  extraOf,
  finishSled,
  zoneWithType,
  compareIds,
} from "./normalize";
import type {
  BlueprintDatasetJson,
  BlueprintDiskJson,
  BlueprintJson,
  BlueprintZoneJson,
} from "./schema-current";
import { durableDatasetKind } from "./zones";

type Rec = Record<string, unknown>;

const ZPOOL_NAME = /^ox[ip]_[0-9a-fA-F-]{36}$/;
const OBJECT_PROTO = Object.prototype;

/** A plain JSON-like object whose members can be read and copied as zod would. */
function plain(v: unknown): v is Rec {
  return (
    typeof v === "object" &&
    v !== null &&
    Object.getPrototypeOf(v) === OBJECT_PROTO &&
    !Object.hasOwn(v, "__proto__")
  );
}

const isId = (v: unknown): boolean => typeof v === "string" && v.length > 0;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
/** `byteCountSchema.optional()` */
const isOptionalByteCount = (v: unknown): boolean => v === undefined || v === null || isCount(v);
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === "string";

/** zod's `collectionSchema` tries the array first; only arrays take the fast path. */
function isDisposition(d: unknown, zone: boolean): boolean {
  if (typeof d === "string")
    return d === "in_service" || d === "expunged" || (zone && d === "quiesced");
  if (typeof d !== "object" || d === null || Array.isArray(d)) return false;
  const r = d as Rec;
  if (r.kind === "in_service") return true;
  return (
    r.kind === "expunged" && isCount(r.as_of_generation) && typeof r.ready_for_cleanup === "boolean"
  );
}

function isDisk(d: unknown): boolean {
  if (!plain(d) || !isId(d.id) || !isId(d.pool_id) || !isDisposition(d.disposition, false))
    return false;
  const i = d.identity;
  if (typeof i !== "object" || i === null || Array.isArray(i)) return false;
  const r = i as Rec;
  return (
    typeof r.vendor === "string" && typeof r.model === "string" && typeof r.serial === "string"
  );
}

function isDataset(d: unknown): boolean {
  if (!plain(d) || !isId(d.id) || typeof d.pool !== "string" || !ZPOOL_NAME.test(d.pool))
    return false;
  if (typeof d.kind !== "string" || d.kind.length === 0) return false;
  if (d.disposition !== "in_service" && d.disposition !== "expunged") return false;
  if (!(d.address === undefined || d.address === null || typeof d.address === "string"))
    return false;
  if (!isOptionalByteCount(d.quota) || !isOptionalByteCount(d.reservation)) return false;
  const c = d.compression;
  if (typeof c !== "object" || c === null || Array.isArray(c)) return false;
  const r = c as Rec;
  if (typeof r.type !== "string") return false;
  if (r.level === undefined) return r.type !== "gzip_n";
  return isCount(r.level);
}

/** The zone's `zone_type` as zod's `looseObject` outputs it (declared keys first), or null. */
function zoneTypeOf(zt: unknown): ZoneType | null {
  if (!plain(zt) || typeof zt.type !== "string") return null;
  const ds = zt.dataset;
  let dataset: Rec | undefined;
  if (ds !== undefined) {
    if (!plain(ds) || typeof ds.pool_name !== "string" || !ZPOOL_NAME.test(ds.pool_name))
      return null;
    dataset = { pool_name: ds.pool_name };
    for (const k in ds) if (k !== "pool_name") dataset[k] = ds[k];
  } else if (durableDatasetKind(zt.type) !== null) {
    return null;
  }
  const out: Rec = { type: zt.type };
  if ("dataset" in zt) out.dataset = dataset;
  for (const k in zt) if (k !== "type" && k !== "dataset") out[k] = zt[k];
  return out as ZoneType;
}

function isZone(z: unknown): z is Rec {
  if (!plain(z) || !isId(z.id) || !isDisposition(z.disposition, true)) return false;
  const fp = z.filesystem_pool;
  return fp === undefined || fp === null || (typeof fp === "string" && ZPOOL_NAME.test(fp));
}

const SLED_KEYS = ["state", "sled_agent_generation", "disks", "datasets", "zones"] as const;

function sledOf(id: string, s: unknown): SledConfig | null {
  if (!plain(s)) return null;
  if (s.state !== "active" && s.state !== "decommissioned") return null;
  if (!isCount(s.sled_agent_generation)) return null;
  const { disks, datasets, zones } = s;
  if (!Array.isArray(disks) || !Array.isArray(datasets) || !Array.isArray(zones)) return null;
  for (const d of disks) if (!isDisk(d)) return null;
  for (const d of datasets) if (!isDataset(d)) return null;
  const modelZones = [];
  for (const z of zones) {
    if (!isZone(z)) return null;
    const zt = zoneTypeOf(z.zone_type);
    if (!zt) return null;
    modelZones.push(zoneWithType(z as unknown as BlueprintZoneJson, zt));
  }
  return finishSled({
    id,
    state: s.state,
    generation: s.sled_agent_generation as number,
    disks: (disks as BlueprintDiskJson[]).map(diskFromJson),
    datasets: (datasets as BlueprintDatasetJson[]).map(datasetFromJson),
    zones: modelZones,
    extra: extraOf(s, SLED_KEYS),
  });
}

/** The blueprint, when `input` is a well-formed HEAD Blueprint; null: use the schema. */
export function importCurrentFast(
  input: unknown,
  metaKeys: readonly string[],
): { bp: BlueprintJson; sleds: SledConfig[]; extra: Rec } | null {
  if (!plain(input) || !isId(input.id)) return null;
  const parent = input.parent_blueprint_id;
  if (!(parent === undefined || parent === null || isId(parent))) return null;
  if (
    !isOptionalString(input.creator) ||
    !isOptionalString(input.comment) ||
    !isOptionalString(input.time_created)
  )
    return null;
  const raw = input.sleds;
  if (!plain(raw)) return null;
  const sleds: SledConfig[] = [];
  for (const id of Object.keys(raw)) {
    const sled = sledOf(id, raw[id]);
    if (!sled) return null;
    sleds.push(sled);
  }
  sleds.sort(compareIds);
  return { bp: input as unknown as BlueprintJson, sleds, extra: extraOf(input, metaKeys) };
}
