/**
 * Strict sled semantics for the January-2025 split endpoints (docs/ARCHITECTURE.md, "Strict sled semantics"): each PUT carries
 * the full set for its endpoint with its own generation.
 *
 * - older generation → rejected; same generation with other content → rejected; same
 *   generation and content → accepted without change (omicron sled-storage/src/manager.rs
 *   `omicron_physical_disks_ensure` / `datasets_ensure`, sled-agent/src/services.rs
 *   `ensure_all_omicron_zones_persistent`);
 * - a zone cannot start unless its root and durable datasets exist;
 * - a dataset cannot be destroyed while a running zone uses it (omicron #7309, #6177);
 * - a disk cannot stop being managed while a dataset lives on its pool;
 * - a dataset cannot be created on a pool whose disk is not managed.
 *
 * A rejected request changes nothing: the functions return violations and no state.
 */
import { sameJson } from "../util/canonical-json";
import type {
  DatasetsConfigBody,
  DisksConfigBody,
  WireDataset,
  WireZone,
  ZonesConfigBody,
} from "../wire/types";
import type { SledAgentState } from "./state";
import { datasetLabel, datasetName, poolOfDisk, sortById } from "./state";
import {
  checkGeneration,
  type ApplyResult,
  type SledRulesOptions,
  type Violation,
} from "./violations";
import { zoneRefs, zoneUsing } from "./zone-refs";

/**
 * How every full-set PUT starts: the generation rule (older refused, same generation with the
 * same content a no-op, with other content refused), then ids unique within the set.
 */
function beginFullSet<T extends { id: string }>(
  state: SledAgentState,
  what: string,
  endpoint: "disks" | "datasets" | "zones",
  generation: number,
  items: T[],
  idNoun?: string,
): { done: ApplyResult } | { violations: Violation[] } {
  const gen = checkGeneration(
    what,
    state.generations[endpoint],
    state[endpoint],
    generation,
    items,
  );
  if (gen === "same") return { done: { ok: true, changed: false, state } };
  if (gen !== "apply") return { done: gen };
  const violations: Violation[] = [];
  if (idNoun)
    duplicates(
      items.map((i) => i.id),
      idNoun,
      violations,
    );
  return { violations };
}

/** How every full-set PUT ends: refused with its violations, or the new state ledgered. */
function endFullSet(
  state: SledAgentState,
  violations: Violation[],
  endpoint: "disks" | "datasets" | "zones",
  generation: number,
  next: Partial<SledAgentState>,
): ApplyResult {
  if (violations.length) return { ok: false, violations };
  const generations = { ...state.generations, [endpoint]: generation };
  return { ok: true, changed: true, state: { ...state, ...next, generations } };
}

export function applyDisks(state: SledAgentState, body: DisksConfigBody): ApplyResult {
  const disks = sortById(body.disks);
  const begin = beginFullSet(state, "physical disks", "disks", body.generation, disks, "disk id");
  if ("done" in begin) return begin.done;
  const { violations } = begin;
  duplicates(
    disks.map((d) => d.pool_id),
    "zpool id",
    violations,
  );
  const kept = new Set(disks.map((d) => `${d.id}/${d.pool_id}`));
  const removedPools = new Set(
    state.disks.filter((d) => !kept.has(`${d.id}/${d.pool_id}`)).map(poolOfDisk),
  );
  for (const pool of removedPools) {
    const onPool = state.datasets.filter((ds) => ds.name.pool_name === pool);
    if (onPool.length > 0) {
      violations.push({
        rule: "disk-has-datasets",
        message: `disk with pool ${pool} cannot stop being managed while ${onPool.length} dataset(s) live on it (${onPool.map((d) => d.name.kind).join(", ")})`,
        itemIds: onPool.map((d) => d.id),
      });
    }
  }
  return endFullSet(state, violations, "disks", body.generation, {
    disks,
    orphanedDatasets: state.orphanedDatasets.filter(
      (o) => !removedPools.has(o.dataset.name.pool_name),
    ),
  });
}

export function applyDatasets(
  state: SledAgentState,
  body: DatasetsConfigBody,
  opts: SledRulesOptions,
): ApplyResult {
  const keys = Object.keys(body.datasets);
  const values = keys.map((key) => body.datasets[key] as WireDataset); // Object.values, once
  const datasets = sortById(values);
  const begin = beginFullSet(state, "datasets", "datasets", body.generation, datasets);
  if ("done" in begin) return begin.done;
  const { violations } = begin;
  duplicateNames(datasets, violations);
  checkDatasetKeys(keys, values, violations);
  const next = new Set<string>();
  for (const d of datasets) next.add(d.id);
  const removed = state.datasets.filter((d) => !next.has(d.id));
  const current = new Map<string, WireDataset>();
  for (const d of state.datasets) current.set(d.id, d);
  checkRenames(current, datasets, violations);
  if (opts.datasetDeletion === "strict") checkRemovals(state, removed, datasets, violations);
  checkAdditions(
    state,
    datasets.filter((d) => !current.has(d.id)),
    datasets,
    removed,
    opts,
    violations,
  );
  return endFullSet(state, violations, "datasets", body.generation, {
    datasets,
    orphanedDatasets: orphanedAfter(state, removed, opts),
  });
}

/** A datasets body is a map keyed by dataset id: each key must be its value's id. */
function checkDatasetKeys(keys: string[], values: WireDataset[], out: Violation[]): void {
  keys.forEach((key, i) => {
    const ds = values[i] as WireDataset;
    if (key !== ds.id)
      out.push({ rule: "invalid-config", message: `dataset keyed ${key} has id ${ds.id}` });
  });
}

/** A kept dataset id may not change its (pool, kind) name: that would be a different dataset. */
function checkRenames(
  current: Map<string, WireDataset>,
  datasets: WireDataset[],
  out: Violation[],
): void {
  for (const ds of datasets) {
    const before = current.get(ds.id);
    const moved =
      before !== undefined &&
      (before.name.pool_name !== ds.name.pool_name || before.name.kind !== ds.name.kind);
    if (moved && datasetName(before) !== datasetName(ds)) {
      out.push({
        rule: "dataset-renamed",
        message: `dataset ${ds.id} cannot move from ${datasetName(before)} to ${datasetName(ds)}`,
        itemIds: [ds.id],
      });
    }
  }
}

/** With dataset deletion ignored, removed datasets stay on disk as orphans. */
function orphanedAfter(
  state: SledAgentState,
  removed: WireDataset[],
  opts: SledRulesOptions,
): SledAgentState["orphanedDatasets"] {
  if (opts.datasetDeletion !== "ignore") return state.orphanedDatasets;
  return [
    ...state.orphanedDatasets,
    ...removed.map((dataset) => ({
      dataset,
      reason: "removed from config; dataset deletion is disabled",
    })),
  ];
}

function checkRemovals(
  state: SledAgentState,
  removed: WireDataset[],
  next: WireDataset[],
  out: Violation[],
): void {
  for (const ds of removed) {
    const user = zoneUsing(state.zones, ds);
    if (user) {
      out.push({
        rule: "dataset-in-use",
        message: `${datasetLabel(ds)} destroyed while ${user.label} uses it`,
        itemIds: [ds.id, user.zone.id],
      });
    }
    if (ds.name.kind === "zone") {
      const children = next.filter(
        (d) => d.name.pool_name === ds.name.pool_name && d.name.kind.startsWith("zone/"),
      );
      if (children.length) {
        out.push({
          rule: "dataset-has-children",
          message: `${datasetLabel(ds)} destroyed while ${children.length} zone root dataset(s) remain under it`,
          itemIds: [ds.id],
        });
      }
    }
  }
}

function checkAdditions(
  state: SledAgentState,
  added: WireDataset[],
  next: WireDataset[],
  removed: WireDataset[],
  opts: SledRulesOptions,
  out: Violation[],
): void {
  if (added.length === 0) return;
  const managedPools = new Set(state.disks.map(poolOfDisk));
  const gone = new Set(removed);
  const remaining = new Map<string, WireDataset>();
  for (const d of state.datasets) if (!gone.has(d)) remaining.set(datasetName(d), d);
  // With deletion disabled, a removed dataset stays on disk under its name.
  const leftOnDisk = opts.datasetDeletion === "ignore" ? removed : [];
  const onDisk = new Map(
    [...state.orphanedDatasets.map((o) => o.dataset), ...leftOnDisk].map((d) => [
      datasetName(d),
      d,
    ]),
  );
  const zoneRoots = new Set(
    next.filter((d) => d.name.kind === "zone").map((d) => d.name.pool_name),
  );
  for (const ds of added) {
    if (!managedPools.has(ds.name.pool_name)) {
      out.push({
        rule: "pool-not-managed",
        message: `${datasetLabel(ds)} cannot be created: no managed disk has pool ${ds.name.pool_name}`,
        itemIds: [ds.id],
      });
    }
    if (ds.name.kind.startsWith("zone/") && !zoneRoots.has(ds.name.pool_name)) {
      out.push({
        rule: "missing-zone-root",
        message: `${datasetLabel(ds)} needs the pool's zone dataset, which is not in the config`,
        itemIds: [ds.id],
      });
    }
    const clash = remaining.get(datasetName(ds)) ?? onDisk.get(datasetName(ds));
    if (clash && clash.id !== ds.id) {
      out.push({
        rule: "dataset-name-taken",
        message: `${datasetLabel(ds)} cannot be created: dataset ${clash.id} already exists with that name`,
        itemIds: [ds.id, clash.id],
      });
    }
  }
}

export function applyZones(state: SledAgentState, body: ZonesConfigBody): ApplyResult {
  const zones = sortById(body.zones);
  const begin = beginFullSet(state, "zones", "zones", body.generation, zones, "zone id");
  if ("done" in begin) return begin.done;
  const { violations } = begin;
  const running = new Map<string, WireZone>();
  for (const z of state.zones) running.set(z.id, z);
  let existing: Set<string> | undefined; // dataset names, built for the first zone to (re)start
  for (const zone of zones) {
    const before = running.get(zone.id);
    if (before && sameJson(before, zone)) continue; // keeps running untouched
    for (const ref of zoneRefs(zone)) {
      existing ??= new Set(state.datasets.map(datasetName));
      if (!existing.has(`${ref.pool}/${ref.kind}`)) {
        violations.push({
          rule: "zone-missing-dataset",
          message: `zone ${zone.zone_type.type} ${zone.id.slice(0, 8)}… cannot start: its ${ref.role} dataset ${ref.kind} on ${ref.pool} does not exist`,
          itemIds: [zone.id],
        });
      }
    }
  }
  return endFullSet(state, violations, "zones", body.generation, { zones });
}

/**
 * `duplicates(datasets.map(datasetName), "dataset name", out)`. When no pool name contains
 * "/", a name `<pool>/<kind>` splits back one way only, so (pool, kind) pairs are compared
 * without building the names.
 */
function duplicateNames(datasets: readonly WireDataset[], out: Violation[]): void {
  const plainName = (d: WireDataset) =>
    typeof d.name.pool_name === "string" &&
    typeof d.name.kind === "string" &&
    !d.name.pool_name.includes("/");
  if (!datasets.every(plainName)) {
    duplicates(datasets.map(datasetName), "dataset name", out);
    return;
  }
  const seen = new Map<string, Set<string>>();
  for (const d of datasets) {
    let kinds = seen.get(d.name.pool_name);
    if (!kinds) seen.set(d.name.pool_name, (kinds = new Set<string>()));
    if (kinds.has(d.name.kind))
      out.push({
        rule: "invalid-config",
        message: `duplicate dataset name ${datasetName(d)} in the request`,
      });
    kinds.add(d.name.kind);
  }
}

function duplicates(values: string[], what: string, out: Violation[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v))
      out.push({ rule: "invalid-config", message: `duplicate ${what} ${v} in the request` });
    seen.add(v);
  }
}
