/**
 * Racks of any shape for property tests, as omicron's planner would build them: every disk
 * gets its `zone` and `debug` datasets and a crucible zone; each sled has an internal NTP
 * zone; extra zones go round-robin over the disks; every zone has its root dataset on its
 * pool and, for the durable types, its durable dataset there too. Expunging a zone expunges
 * its datasets in the same blueprint (omicron `SledEditor::expunge_zone`). Pure and
 * deterministic: the shape decides everything.
 */
import { blueprintJson, datasetJson, diskJson, sledJson, testUuid, zoneJson } from "./builders";
import { durableDatasetKind, rootDatasetKind, zpoolName } from "../zones";

type Json = Record<string, unknown>;

/** Zone types whose HEAD `zone_type` needs only an address (and a dataset if durable). */
export const SIMPLE_ZONE_TYPES = [
  "clickhouse",
  "clickhouse_keeper",
  "clickhouse_server",
  "cockroach_db",
  "crucible",
  "crucible_pantry",
  "internal_ntp",
  "oximeter",
] as const;

export interface SledShape {
  disks: number;
  extraZones: readonly (typeof SIMPLE_ZONE_TYPES)[number][];
  /** Indices into the sled's zone list (in creation order) to expunge; out of range ignored. */
  expunge: readonly number[];
}

export function rackJson(sleds: readonly SledShape[]): Json {
  const out: Json = {};
  sleds.forEach((shape, s) => {
    out[testUuid("s", s + 1)] = shapedSledJson(s + 1, shape);
  });
  return { ...blueprintJson(0), sleds: out };
}

function shapedSledJson(sledNo: number, shape: SledShape): Json {
  let serial = 0;
  const next = (tag: string): string => testUuid(tag, sledNo * 100_000 + ++serial);
  const disks: Json[] = [];
  const datasets: Json[] = [];
  const zones: Json[] = [];
  const pools: string[] = [];
  for (let d = 0; d < Math.max(1, shape.disks); d++) {
    const poolId = next("p");
    const pool = zpoolName(poolId);
    pools.push(pool);
    disks.push(diskJson(next("d"), poolId));
    datasets.push(datasetJson(next("a"), pool, "zone"), datasetJson(next("a"), pool, "debug"));
  }
  const types = [
    ...pools.map(() => "crucible"),
    "internal_ntp",
    ...shape.extraZones.filter((t) => t !== "crucible" && t !== "internal_ntp"),
  ];
  // Two durable datasets of one kind cannot share a pool (omicron #6177), so a durable zone
  // goes to the next pool without one, or is left out when every pool has one.
  const taken = new Set<string>();
  types.forEach((type, i) => {
    const durable = durableDatasetKind(type);
    const pool = pools
      .map((_, k) => pools[(i + k) % pools.length] ?? "")
      .find((p) => durable === null || !taken.has(`${p}/${durable}`));
    if (pool === undefined) return;
    if (durable) taken.add(`${pool}/${durable}`);
    const id = next("z");
    const zone = zoneJson(id, type, pool);
    const own = [datasetJson(next("a"), pool, rootDatasetKind({ id, zoneType: { type } }))];
    if (durable) own.push(datasetJson(next("a"), pool, durable));
    if (shape.expunge.includes(i)) {
      zone.disposition = { kind: "expunged", as_of_generation: 2, ready_for_cleanup: false };
      for (const ds of own) ds.disposition = "expunged";
    }
    zones.push(zone);
    datasets.push(...own);
  });
  return sledJson({ disks, datasets, zones });
}
