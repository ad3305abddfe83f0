/**
 * What a blueprint holds, in the numbers the history list shows: active sleds and the
 * in-service disks, datasets and zones on them. Expunged items stay in omicron blueprints
 * until pruned, so counting them would make a rack look bigger after every expunge.
 */
import type { Blueprint } from "../blueprint/model";

export interface BlueprintCounts {
  sleds: number;
  disks: number;
  datasets: number;
  zones: number;
}

export function countBlueprint(bp: Blueprint): BlueprintCounts {
  const counts: BlueprintCounts = { sleds: 0, disks: 0, datasets: 0, zones: 0 };
  for (const sled of bp.sleds) {
    if (sled.state === "decommissioned") continue;
    counts.sleds += 1;
    counts.disks += sled.disks.filter((d) => d.disposition === "in_service").length;
    counts.datasets += sled.datasets.filter((d) => d.disposition === "in_service").length;
    counts.zones += sled.zones.filter((z) => z.disposition === "in_service").length;
  }
  return counts;
}
