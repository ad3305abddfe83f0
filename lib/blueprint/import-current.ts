/**
 * Import of omicron's Blueprint JSON with `sleds` (HEAD arrays and the 2025 id-keyed form).
 * Source: nexus/types/src/deployment.rs `Blueprint`, `BlueprintSledConfig`.
 */
import type { Blueprint, SledConfig } from "./model";
import type { ImportResult } from "./import-result";
import { importCurrentFast } from "./import-current-fast";
import { issuesToErrors } from "./issues";
import {
  compareIds,
  datasetFromJson,
  diskFromJson,
  extraOf,
  finishSled,
  zoneFromJson,
} from "./normalize";
import { collectionItems } from "./schema-common";
import { blueprintSchema, type BlueprintJson, type BlueprintSledJson } from "./schema-current";

const SLED_KEYS = ["state", "sled_agent_generation", "disks", "datasets", "zones"] as const;

/** Top-level fields the model names; shared with the January-2025 importer. */
export const BLUEPRINT_META_KEYS = [
  "id",
  "parent_blueprint_id",
  "creator",
  "comment",
  "time_created",
] as const;

export function importCurrent(input: unknown): ImportResult {
  const fast = importCurrentFast(input, BLUEPRINT_META_KEYS_AND_SLEDS);
  if (fast)
    return {
      ok: true,
      blueprint: blueprintMeta(fast.bp, "current", fast.sleds, fast.extra),
      format: "current",
    };
  return importCurrentViaSchema(input);
}

const BLUEPRINT_META_KEYS_AND_SLEDS: readonly string[] = [...BLUEPRINT_META_KEYS, "sleds"];

/** The import through the zod schema alone (what `importCurrent` falls back to); exported for tests. */
export function importCurrentViaSchema(input: unknown): ImportResult {
  const parsed = blueprintSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const bp = parsed.data;
  const entries = Object.entries(bp.sleds);
  const keyed = entries.some(
    ([, s]) => !Array.isArray(s.disks) || !Array.isArray(s.datasets) || !Array.isArray(s.zones),
  );
  const sleds = entries.map(([id, s]) => sledFromJson(id, s)).sort(compareIds);
  const format = keyed ? "keyed-2025" : "current";
  const blueprint = blueprintMeta(
    bp,
    format,
    sleds,
    extraOf(bp, [...BLUEPRINT_META_KEYS, "sleds"]),
  );
  return { ok: true, blueprint, format };
}

function sledFromJson(id: string, s: BlueprintSledJson): SledConfig {
  return finishSled({
    id,
    state: s.state,
    generation: s.sled_agent_generation,
    disks: collectionItems(s.disks).map(diskFromJson),
    datasets: collectionItems(s.datasets).map(datasetFromJson),
    zones: collectionItems(s.zones).map(zoneFromJson),
    extra: extraOf(s, SLED_KEYS),
  });
}

type Meta = Pick<BlueprintJson, (typeof BLUEPRINT_META_KEYS)[number]>;

export function blueprintMeta(
  bp: Meta,
  format: Blueprint["format"],
  sleds: SledConfig[],
  extra: Record<string, unknown>,
): Blueprint {
  const blueprint: Blueprint = {
    id: bp.id,
    parentId: bp.parent_blueprint_id ?? null,
    format,
    sleds,
    extra,
  };
  if (bp.creator !== undefined) blueprint.creator = bp.creator;
  if (bp.comment !== undefined) blueprint.comment = bp.comment;
  if (bp.time_created !== undefined) blueprint.timeCreated = bp.time_created;
  return blueprint;
}
