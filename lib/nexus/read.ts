/**
 * Reading a Nexus instance's answers, failing closed: each reader returns a value or the
 * issues that kept it from being read, never throws. Blueprint bodies go through the
 * importer's eras (lib/blueprint/import.ts): `sleds` → today's lockstep layout,
 * `sled_state`/`blueprint_zones` → January 2025's nexus-internal layout; anything else is an
 * era this console does not know.
 */
import type { z } from "zod";
import { parseBlueprint } from "../blueprint/import";
import { issuesToErrors, type ImportError } from "../blueprint/issues";
import type { Blueprint } from "../blueprint/model";
import {
  blueprintMetadataPageSchema,
  blueprintTargetSchema,
  reconfiguratorConfigViewSchema,
  updateStatusSchema,
  type BlueprintMetadata,
} from "./schemas";

/** The API era an answer was read as. */
export type NexusEra = "lockstep" | "jan-2025" | "unknown";

export type Read<T> = { ok: true; value: T } | { ok: false; issues: ImportError[] };

function reader<S extends z.ZodType>(schema: S) {
  return (input: unknown): Read<z.infer<S>> => {
    const r = schema.safeParse(input);
    return r.success
      ? { ok: true, value: r.data }
      : { ok: false, issues: issuesToErrors(r.error.issues) };
  };
}

export const readBlueprintPage = reader(blueprintMetadataPageSchema);
export const readTarget = reader(blueprintTargetSchema);
export const readReconfiguratorConfig = reader(reconfiguratorConfigViewSchema);
export const readUpdateStatus = reader(updateStatusSchema);

/** Lockstep metadata carries `nexus_generation` and `source`; January 2025's had neither. */
export function eraOfMetadata(items: readonly BlueprintMetadata[]): NexusEra {
  const first = items[0];
  if (!first) return "unknown";
  if (first.nexus_generation !== undefined || first.source !== undefined) return "lockstep";
  return "jan-2025";
}

/** The era a blueprint body is written in, by the keys the importer dispatches on. */
export function eraOfBlueprint(input: unknown): NexusEra {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "unknown";
  if ("sleds" in input) return "lockstep";
  if ("sled_state" in input || "blueprint_zones" in input) return "jan-2025";
  return "unknown";
}

export type NexusBlueprintRead =
  | { ok: true; era: NexusEra; blueprint: Blueprint }
  | { ok: false; era: NexusEra; issues: ImportError[] };

/**
 * A blueprint body from `GET /deployment/blueprints/all/{id}`. `expectedId` is the id it was
 * fetched by: a body naming another id is not read (it would be stored under the wrong key).
 */
export function readNexusBlueprint(input: unknown, expectedId: string): NexusBlueprintRead {
  const era = eraOfBlueprint(input);
  if (era === "unknown")
    return {
      ok: false,
      era,
      issues: [
        {
          path: "(root)",
          message:
            "Not a blueprint of a Nexus era this console reads (neither today's `sleds` nor January 2025's `sled_state`/`blueprint_zones`).",
        },
      ],
    };
  const r = parseBlueprint(input);
  if (!r.ok) return { ok: false, era, issues: r.errors };
  if (r.blueprint.id !== expectedId)
    return {
      ok: false,
      era,
      issues: [
        { path: "id", message: `Fetched as ${expectedId}, but the body says ${r.blueprint.id}.` },
      ],
    };
  return { ok: true, era, blueprint: r.blueprint };
}

/** The raw body's `parent_blueprint_id`, `comment` and `time_created`, when they are readable. */
export function rawBlueprintFacts(input: unknown): {
  parentId: string | null;
  comment: string;
  timeCreated: string | null;
} {
  const o = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    parentId: str(o.parent_blueprint_id),
    comment: str(o.comment) ?? "",
    timeCreated: str(o.time_created),
  };
}
