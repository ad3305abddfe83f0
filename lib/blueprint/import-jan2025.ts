/**
 * Import of the January-2025 Blueprint JSON (four per-sled maps, one generation per
 * endpoint; openapi/nexus-internal.json @ 94d76b894f). #7652 merged the maps into
 * `BlueprintSledConfig` and #7788 replaced the three generations with one; we keep the three
 * in `splitGenerations` (the `split` sled-agent profile needs them) and set `generation` to
 * the largest, which is what a merged config must exceed.
 *
 * Decisions, with the omicron source they follow:
 * - `"quiesced"` zones are read as in service. In JAN25 omicron a quiesced zone was still
 *   deployed and running (`BlueprintZoneDisposition::matches`: `Quiesced` matches
 *   `ShouldBeRunning` / `SledAgentPut`), only hidden from DNS and external traffic, so its
 *   datasets must stay and it is sent to the sled agent like any in-service zone. The
 *   original value is kept in the zone's `extra` (`QUIESCED_EXTRA_KEY`) and validation
 *   reports it as a warning. #7558 (2025-02-20) removed the variant.
 * - A sled present in `blueprint_zones`/`_disks`/`_datasets` but not in `sled_state` is
 *   decommissioned: the JAN25 docs say those maps "may contain entries for sleds that are no
 *   longer a part of the control plane cluster (e.g., sleds that have been decommissioned)".
 * - A sled missing from one of the three maps has nothing for that endpoint, at generation 1
 *   (`Generation::new()`, "nothing requested yet").
 */
import type { SledConfig, SledState } from "./model";
import type { ImportResult } from "./import-result";
import { BLUEPRINT_META_KEYS, blueprintMeta } from "./import-current";
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
import {
  jan2025BlueprintSchema,
  type Jan2025BlueprintJson,
  type Jan2025DatasetsConfigJson,
  type Jan2025DisksConfigJson,
  type Jan2025ZonesConfigJson,
} from "./schema-jan2025";

const MAP_KEYS = [
  "sled_state",
  "blueprint_zones",
  "blueprint_disks",
  "blueprint_datasets",
] as const;
const INITIAL_GENERATION = 1;

export function importJan2025(input: unknown): ImportResult {
  const parsed = jan2025BlueprintSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const bp = parsed.data;
  const sleds = sledIds(bp)
    .map((id) =>
      sledFromMaps(
        id,
        own(bp.sled_state, id) ?? "decommissioned",
        own(bp.blueprint_zones, id),
        own(bp.blueprint_disks, id),
        own(bp.blueprint_datasets, id),
      ),
    )
    .sort(compareIds);
  const blueprint = blueprintMeta(
    bp,
    "jan-2025",
    sleds,
    extraOf(bp, [...BLUEPRINT_META_KEYS, ...MAP_KEYS]),
  );
  return { ok: true, blueprint, format: "jan-2025" };
}

/** A map's own entry: a sled id such as "toString" must not find Object.prototype's. */
function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function sledIds(bp: Jan2025BlueprintJson): string[] {
  const ids = new Set<string>();
  for (const key of MAP_KEYS) for (const id of Object.keys(bp[key] ?? {})) ids.add(id);
  return [...ids];
}

function sledFromMaps(
  id: string,
  state: SledState,
  zones: Jan2025ZonesConfigJson | undefined,
  disks: Jan2025DisksConfigJson | undefined,
  datasets: Jan2025DatasetsConfigJson | undefined,
): SledConfig {
  const splitGenerations = {
    disks: disks?.generation ?? INITIAL_GENERATION,
    datasets: datasets?.generation ?? INITIAL_GENERATION,
    zones: zones?.generation ?? INITIAL_GENERATION,
  };
  // Unknown fields of the three per-endpoint configs become sled-level extras: those configs
  // were folded into the sled config by #7652.
  const extra = {
    ...(disks ? extraOf(disks, ["generation", "disks"]) : {}),
    ...(datasets ? extraOf(datasets, ["generation", "datasets"]) : {}),
    ...(zones ? extraOf(zones, ["generation", "zones"]) : {}),
  };
  return finishSled({
    id,
    state,
    generation: Math.max(splitGenerations.disks, splitGenerations.datasets, splitGenerations.zones),
    splitGenerations,
    disks: disks ? collectionItems(disks.disks).map(diskFromJson) : [],
    datasets: datasets ? collectionItems(datasets.datasets).map(datasetFromJson) : [],
    zones: zones ? collectionItems(zones.zones).map(zoneFromJson) : [],
    extra,
  });
}
