/**
 * What the create-child form may offer for a parent blueprint: only active sleds and
 * in-service items, pools of in-service disks, and zone types whose durable dataset the pool
 * does not already hold (lib/edits/add.ts refuses the rest; #6177). Pure.
 */
import type { Blueprint, SledConfig } from "~/lib/blueprint/model";
import { durableDatasetKind, KNOWN_ZONE_TYPES, shortId, zpoolName } from "~/lib/blueprint/zones";
import { formatByteCount } from "~/lib/diff/cells";

export interface Choice {
  id: string;
  label: string;
}

export interface SledChoices {
  sledId: string;
  zones: Choice[];
  disks: Choice[];
  datasets: (Choice & { quota: number | null })[];
  pools: Choice[];
}

const inService = <T extends { disposition: string }>(items: readonly T[]) =>
  items.filter((i) => i.disposition === "in_service");

function sledChoices(sled: SledConfig): SledChoices {
  return {
    sledId: sled.id,
    zones: inService(sled.zones).map((z) => ({
      id: z.id,
      label: `${z.zoneType.type} ${shortId(z.id)}`,
    })),
    disks: inService(sled.disks).map((d) => ({
      id: d.id,
      label: `${d.identity.serial} (${shortId(d.id)})`,
    })),
    datasets: inService(sled.datasets).map((d) => ({
      id: d.id,
      label: `${d.kind} on ${shortId(d.pool)} (quota ${formatByteCount(d.quota)})`,
      quota: d.quota,
    })),
    pools: inService(sled.disks).map((d) => ({
      id: zpoolName(d.poolId),
      label: `${zpoolName(d.poolId)} (disk ${d.identity.serial})`,
    })),
  };
}

/** Active sleds only: omicron refuses edits of a decommissioned sled. */
export function editChoices(bp: Blueprint): SledChoices[] {
  return bp.sleds.filter((s) => s.state === "active").map(sledChoices);
}

/** Zone types that may go on `pool` of `sled`: a durable kind the pool already holds is out. */
export function addableZoneTypes(bp: Blueprint, sledId: string, pool: string): string[] {
  const sled = bp.sleds.find((s) => s.id === sledId);
  if (!sled) return [];
  const taken = new Set(
    inService(sled.datasets)
      .filter((d) => d.pool === pool)
      .map((d) => d.kind),
  );
  return KNOWN_ZONE_TYPES.filter((type) => {
    const kind = durableDatasetKind(type);
    return kind === null || !taken.has(kind);
  });
}
