import { zoneDatasetRefs, type DatasetRef } from "../blueprint/zones";
import type { WireDataset, WireZone } from "../wire/types";
import { zoneLabel } from "./state";

/** The datasets a running zone needs, by name (zones never name dataset ids). */
export function zoneRefs(zone: WireZone): DatasetRef[] {
  return zoneDatasetRefs({
    id: zone.id,
    zoneType: zone.zone_type,
    filesystemPool: zone.filesystem_pool,
  });
}

/** The first zone among `zones` that uses `ds` (by pool and kind), if any. */
export function zoneUsing(
  zones: readonly WireZone[],
  ds: WireDataset,
): { zone: WireZone; label: string } | null {
  for (const zone of zones) {
    for (const ref of zoneRefs(zone)) {
      if (ref.pool === ds.name.pool_name && ref.kind === ds.name.kind)
        return { zone, label: zoneLabel(zone) };
    }
  }
  return null;
}
