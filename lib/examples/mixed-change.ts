/**
 * A realistic mixed change on every active sled of a rack, for tests, demos and the
 * 32-sled benchmark: each sled gets one to three of the operations an operator or the
 * planner performs, applied together as one child blueprint (one generation bump per sled):
 * - replace a crucible zone: expunge it and add a new one on the same pool (the #7309 case
 *   plus the (pool, kind) reuse that forces removals before additions);
 * - replace a disk: expunge it (taking its datasets and crucible zone along) and add a new
 *   disk with a crucible zone;
 * - change a debug dataset's quota in place;
 * - add a crucible pantry zone.
 * Only disks that carry nothing but their crucible zone are replaced, so a rack never loses
 * its NTP or control-plane zones. A sled with no such disk gets only the operations that fit.
 */
import type { Blueprint, SledConfig } from "../blueprint/model";
import { zpoolName } from "../blueprint/zones";
import { applyEdits } from "../edits/apply";
import { createIdGenerator, createSeededRandom, type SeededRandom } from "../edits/ids";
import type { Edit, EditResult } from "../edits/types";
import { DEBUG_QUOTA_BYTES } from "./template";

type Operation = "replace-crucible" | "replace-disk" | "quota" | "add-pantry";
const OPERATIONS: readonly Operation[] = [
  "replace-crucible",
  "replace-disk",
  "quota",
  "add-pantry",
];

/** In-service disks whose pool hosts only a crucible zone (and the per-disk datasets). */
function crucibleOnlyPools(sled: SledConfig): string[] {
  return sled.disks
    .filter((disk) => disk.disposition === "in_service")
    .map((disk) => zpoolName(disk.poolId))
    .filter((pool) => {
      const zones = sled.zones.filter(
        (z) => z.disposition === "in_service" && z.filesystemPool === pool,
      );
      return zones.length === 1 && zones[0]?.zoneType.type === "crucible";
    });
}

/** Doubles the dogfood debug quota, or puts a doubled one back, so changes can be chained. */
function nextDebugQuota(current: number | null): number {
  return current === 2 * DEBUG_QUOTA_BYTES ? DEBUG_QUOTA_BYTES : 2 * DEBUG_QUOTA_BYTES;
}

/** Draws `count` distinct items (a seeded partial shuffle). */
function drawDistinct<T>(items: readonly T[], count: number, random: SeededRandom): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(...pool.splice(random.int(pool.length), 1));
  return out;
}

function operationEdits(sled: SledConfig, op: Operation, pool: string): Edit[] {
  const crucible = sled.zones.find(
    (z) => z.disposition === "in_service" && z.filesystemPool === pool,
  );
  const disk = sled.disks.find((d) => zpoolName(d.poolId) === pool);
  const debug = sled.datasets.find(
    (d) => d.disposition === "in_service" && d.pool === pool && d.kind === "debug",
  );
  switch (op) {
    case "replace-crucible":
      return crucible
        ? [
            { kind: "expunge-zone", zoneId: crucible.id },
            { kind: "add-zone", sledId: sled.id, zoneType: "crucible", pool },
          ]
        : [];
    case "replace-disk":
      return disk ? [{ kind: "expunge-disk", diskId: disk.id }] : [];
    case "quota":
      return debug
        ? [{ kind: "set-dataset-quota", datasetId: debug.id, quota: nextDebugQuota(debug.quota) }]
        : [];
    case "add-pantry":
      return [{ kind: "add-zone", sledId: sled.id, zoneType: "crucible_pantry", pool }];
    default:
      return op satisfies never;
  }
}

/** A new disk and its crucible zone, replacing an expunged one (pool id drawn from the seed). */
function replacementDisk(sled: SledConfig, nextId: () => string): Edit[] {
  const poolId = nextId();
  return [
    { kind: "add-disk", sledId: sled.id, disk: { poolId } },
    { kind: "add-zone", sledId: sled.id, zoneType: "crucible", pool: zpoolName(poolId) },
  ];
}

function sledEdits(sled: SledConfig, random: SeededRandom, nextId: () => string): Edit[] {
  const pools = crucibleOnlyPools(sled);
  const ops = drawDistinct(OPERATIONS, 1 + random.int(3), random);
  // Each operation gets its own pool, so no two of them touch the same items.
  const chosen = drawDistinct(pools, ops.length, random);
  return ops.flatMap((op, i) => {
    const pool = chosen[i];
    if (pool === undefined) return [];
    const edits = operationEdits(sled, op, pool);
    return op === "replace-disk" && edits.length
      ? [...edits, ...replacementDisk(sled, nextId)]
      : edits;
  });
}

export function makeMixedChange(parent: Blueprint, seed: string | number): EditResult {
  const random = createSeededRandom(`${seed}/mixed-change/${parent.id}`);
  const nextId = createIdGenerator(`${seed}/mixed-change-ids/${parent.id}`);
  const edits = parent.sleds
    .filter((sled) => sled.state === "active")
    .flatMap((sled) => sledEdits(sled, random, nextId));
  return applyEdits(parent, edits, {
    ids: nextId,
    comment: `mixed change on ${parent.sleds.length} sleds (seed ${seed})`,
    creator: "blueprint-console example",
  });
}
