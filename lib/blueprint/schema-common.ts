/**
 * zod schemas shared by every accepted input form. Objects are `looseObject`s: omicron adds
 * fields often, so unknown fields pass through and end up in the model's `extra`.
 *
 * Every union carries its own sentence (`error`), because zod's default union message
 * ("Invalid input") does not say what was expected; `issues.ts` digs into a union's branches
 * when exactly one branch got past the container type.
 */
import { z } from "zod";
import { durableDatasetKind } from "./zones";

/** omicron `Generation`: a u64, serialised as a JSON integer. */
export const generationSchema = z.int().min(0);

/** omicron `ByteCount` (quota, reservation): a u64 or null. */
export const byteCountSchema = z.int().min(0).nullable();

export const idSchema = z.string().min(1, { error: "Expected a non-empty id." });

/**
 * `oxp_<uuid>` (external) or `oxi_<uuid>` (internal), omicron `ZpoolName`
 * (common/src/zpool_name.rs). The uuid's version is not checked here.
 */
export const zpoolNameSchema = z
  .string()
  .regex(/^ox[ip]_[0-9a-fA-F-]{36}$/, { error: "Expected a zpool name of the form oxp_<uuid>." });

export const diskIdentitySchema = z.looseObject({
  vendor: z.string(),
  model: z.string(),
  serial: z.string(),
});

/** omicron `CompressionAlgorithm`, tagged by `type`; `gzip_n` carries a `level`. */
export const compressionSchema = z
  .looseObject({ type: z.string(), level: z.int().min(0).optional() })
  .superRefine((c, ctx) => {
    if (c.type === "gzip_n" && c.level === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["level"],
        message: 'Expected a gzip level for compression "gzip_n".',
      });
    }
  });

const expungedTagged = z.looseObject({
  kind: z.literal("expunged"),
  as_of_generation: generationSchema,
  ready_for_cleanup: z.boolean(),
});
const inServiceTagged = z.looseObject({ kind: z.literal("in_service") });

/**
 * Zone and disk dispositions: tagged by `kind` since #7558 (2025-02-20), plain strings before
 * (where zones could also be `"quiesced"`; see `import-jan2025.ts` for how that is read).
 */
export const zoneDispositionSchema = z.union(
  [
    z.enum(["in_service", "expunged", "quiesced"]),
    z.discriminatedUnion("kind", [inServiceTagged, expungedTagged]),
  ],
  {
    error:
      'Expected a zone disposition: {"kind": "in_service"}, {"kind": "expunged", "as_of_generation", "ready_for_cleanup"}, or (January 2025) "in_service", "quiesced" or "expunged".',
  },
);

export const diskDispositionSchema = z.union(
  [
    z.enum(["in_service", "expunged"]),
    z.discriminatedUnion("kind", [inServiceTagged, expungedTagged]),
  ],
  {
    error:
      'Expected a disk disposition: {"kind": "in_service"}, {"kind": "expunged", "as_of_generation", "ready_for_cleanup"}, or (January 2025) "in_service" or "expunged".',
  },
);

/** Dataset dispositions have always been plain strings (nexus/types/src/deployment.rs). */
export const datasetDispositionSchema = z.enum(["in_service", "expunged"], {
  error: 'Expected a dataset disposition: "in_service" or "expunged".',
});

/**
 * omicron `BlueprintZoneType`, tagged by `type`. Only what the console relies on is checked:
 * the tag, and `dataset.pool_name` for the seven zone types with a durable dataset
 * (`BlueprintZoneType::durable_dataset`, nexus/types/src/deployment/zone_type.rs). Unknown
 * types are accepted here and reported as a warning by validation.
 */
export const zoneTypeSchema = z
  .looseObject({
    type: z.string(),
    dataset: z.looseObject({ pool_name: zpoolNameSchema }).optional(),
  })
  .superRefine((zt, ctx) => {
    if (durableDatasetKind(zt.type) !== null && zt.dataset === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dataset"],
        message: `Expected {"pool_name": "oxp_<uuid>"}: a ${zt.type} zone has a durable dataset.`,
      });
    }
  });

/**
 * An object keyed by id. zod's record skips a `"__proto__"` key without a word (it guards
 * against prototype pollution), which would drop a whole sled silently: it is refused instead.
 */
export function idKeyedRecord<T extends z.ZodType>(value: T, error?: string) {
  const noProtoKey = z.custom<unknown>(
    (v) => v === null || typeof v !== "object" || !Object.hasOwn(v, "__proto__"),
    { error: 'Expected ids as keys, found "__proto__".' },
  );
  return noProtoKey.pipe(z.record(z.string(), value, error === undefined ? undefined : { error }));
}

/**
 * An id-keyed collection: a JSON array (omicron HEAD, iddqd `IdOrdMap`) or an object keyed by
 * id (2025 `IdMap`, and sled-agent `IdOrdMapAsMap`). A key must equal its item's id, as
 * omicron's `IdMap` deserializer insists (nexus/types/src/deployment/id_map.rs).
 */
export function collectionSchema<T extends z.ZodType<{ id: string }>>(item: T, noun: string) {
  const keyed = idKeyedRecord(item).superRefine((rec, ctx) => {
    for (const [key, value] of Object.entries(rec)) {
      if (value.id !== key) {
        ctx.addIssue({
          code: "custom",
          path: [key, "id"],
          message: `Expected the ${noun} id to equal its key ${quoted(key)}, found ${quoted(value.id)}.`,
        });
      }
    }
  });
  return z.union([z.array(item), keyed], {
    error: `Expected the ${noun}s as an array or as an object keyed by ${noun} id.`,
  });
}

/** A string for a message, cut short: a megabyte-long key must not become a megabyte-long error. */
function quoted(s: string): string {
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

/** The items of a parsed collection, in input order (arrays) or key order (objects). */
export function collectionItems<T>(c: T[] | Record<string, T>): T[] {
  return Array.isArray(c) ? c : Object.values(c);
}
