/**
 * The sled agent's config reconciler (omicron #8064, sled-agent/config-reconciler): `PUT
 * /omicron-config` only ledgers the config; the reconciler then converges the sled in a fixed
 * order and reports per-item results in inventory. The order is what makes one full config
 * safe where the split endpoints were not:
 *   shut down zones → stop managing removed disks → destroy orphaned datasets →
 *   manage new disks → ensure datasets (`zone` roots first) → start zones.
 */
import { sameJson } from "../util/canonical-json";
import { keyedObject } from "../util/keyed-object";
import { sledConfigItems } from "../wire/bodies";
import type { SledConfigBody, WireDataset, WireItems, WireZone } from "../wire/types";
import type { OrphanedDataset, SledAgentState } from "./state";
import { datasetLabel, datasetName, poolOfDisk, sortById } from "./state";
import { checkGeneration, type SledRulesOptions, type Violation } from "./violations";
import { zoneRefs, zoneUsing } from "./zone-refs";

export type ItemResult = { result: "ok" } | { result: "err"; message: string };

export interface ReconcileResult {
  disks: Record<string, ItemResult>;
  datasets: Record<string, ItemResult>;
  zones: Record<string, ItemResult>;
  orphanedDatasets: OrphanedDataset[];
}

export interface ReconcilePhase {
  name: string;
  run(
    state: SledAgentState,
    config: WireItems,
    out: ReconcileResult,
    opts: SledRulesOptions,
  ): SledAgentState;
}

const OK: ItemResult = { result: "ok" };
const err = (message: string): ItemResult => ({ result: "err", message });

/** Ledger a config: generation rules only; reconciliation happens afterwards. */
export function ledgerConfig(
  ledgered: { generation: number; config: SledConfigBody | null },
  body: SledConfigBody,
): { ok: true; changed: boolean } | { ok: false; violations: Violation[] } {
  const strip = (b: SledConfigBody | null) => (b ? { ...b, generation: 0 } : null);
  const gen = checkGeneration(
    "sled config",
    ledgered.generation,
    strip(ledgered.config),
    body.generation,
    strip(body),
  );
  if (gen === "same") return { ok: true, changed: false };
  if (gen === "apply") return { ok: true, changed: true };
  return gen;
}

export const RECONCILER_PHASES: readonly ReconcilePhase[] = [
  {
    name: "shut down zones",
    run: (s, c) => {
      const wanted = new Map<string, WireZone>();
      for (const z of c.zones) wanted.set(z.id, z);
      // Items a plan leaves unchanged are the state's own objects: sameJson's identity check.
      const zones = s.zones.filter((z) => sameJson(wanted.get(z.id) ?? null, z));
      // A list left as it was stays the same array (the replay's drop check skips it).
      return { ...s, zones: zones.length === s.zones.length ? s.zones : zones };
    },
  },
  {
    name: "stop managing removed disks",
    run: (s, c) => {
      const wanted = new Set(c.disks.map((d) => `${d.id}/${d.pool_id}`));
      const gone = new Set(
        s.disks.filter((d) => !wanted.has(`${d.id}/${d.pool_id}`)).map(poolOfDisk),
      );
      if (gone.size === 0) return s;
      const off = (pool: string) => gone.has(pool);
      return {
        ...s,
        disks: s.disks.filter((d) => !gone.has(poolOfDisk(d))),
        datasets: s.datasets.filter((d) => !off(d.name.pool_name)),
        orphanedDatasets: s.orphanedDatasets.filter((o) => !off(o.dataset.name.pool_name)),
      };
    },
  },
  { name: "destroy orphaned datasets", run: destroyOrphans },
  {
    name: "manage new disks",
    run: (s, c, out) => {
      const managed = new Set(s.disks.map((d) => d.pool_id));
      const disks = [...s.disks];
      for (const d of c.disks) {
        if (!s.disks.some((m) => m.id === d.id)) {
          if (managed.has(d.pool_id)) {
            out.disks[d.id] = err(`zpool ${d.pool_id} is already managed by another disk`);
            continue;
          }
          disks.push(d);
          managed.add(d.pool_id);
        }
        out.disks[d.id] = OK;
      }
      return { ...s, disks: sortById(disks) };
    },
  },
  { name: "ensure datasets", run: ensureDatasets },
  {
    name: "start zones",
    run: (s, c, out) => {
      let existing: Set<string> | undefined; // dataset names, built for the first zone to start
      const running = new Set<string>();
      for (const z of s.zones) running.add(z.id);
      const zones = [...s.zones];
      for (const z of c.zones) {
        if (running.has(z.id)) {
          out.zones[z.id] = OK;
          continue;
        }
        const names = (existing ??= new Set(s.datasets.map(datasetName)));
        const missing = zoneRefs(z).filter((r) => !names.has(`${r.pool}/${r.kind}`));
        if (missing.length)
          out.zones[z.id] = err(
            `cannot start: missing ${missing.map((r) => `${r.role} dataset ${r.kind} on ${r.pool}`).join(", ")}`,
          );
        else {
          zones.push(z);
          out.zones[z.id] = OK;
        }
      }
      return { ...s, zones: sortById(zones) };
    },
  },
];

function destroyOrphans(
  s: SledAgentState,
  c: WireItems,
  out: ReconcileResult,
  opts: SledRulesOptions,
): SledAgentState {
  const wanted = new Set(c.datasets.map((d) => d.id));
  const kept: WireDataset[] = [];
  const orphans: OrphanedDataset[] = [...s.orphanedDatasets];
  for (const ds of s.datasets) {
    if (wanted.has(ds.id)) {
      kept.push(ds);
      continue;
    }
    const user = zoneUsing(s.zones, ds);
    if (user) orphans.push({ dataset: ds, reason: `not destroyed: ${user.label} still uses it` });
    else if (opts.datasetDeletion === "ignore")
      orphans.push({ dataset: ds, reason: "not in config; dataset deletion is disabled" });
    // else: destroyed
  }
  out.orphanedDatasets = orphans;
  return { ...s, datasets: kept, orphanedDatasets: orphans };
}

function ensureDatasets(s: SledAgentState, c: WireItems, out: ReconcileResult): SledAgentState {
  const pools = new Set(s.disks.map(poolOfDisk));
  const byName = new Map<string, WireDataset>();
  for (const o of s.orphanedDatasets) byName.set(datasetName(o.dataset), o.dataset);
  for (const d of s.datasets) byName.set(datasetName(d), d);
  const datasets = new Map<string, WireDataset>();
  for (const d of s.datasets) datasets.set(d.id, d);
  // How many `zone` datasets each pool has in `datasets` (kept as entries are replaced).
  const zoneRoots = new Map<string, number>();
  const countRoot = (d: WireDataset, by: number) => {
    if (d.name.kind === "zone")
      zoneRoots.set(d.name.pool_name, (zoneRoots.get(d.name.pool_name) ?? 0) + by);
  };
  for (const d of datasets.values()) countRoot(d, 1);
  for (const ds of rootsFirst(c.datasets)) {
    const name = datasetName(ds);
    const clash = byName.get(name);
    if (!pools.has(ds.name.pool_name))
      out.datasets[ds.id] = err(`${datasetLabel(ds)}: pool is not managed`);
    else if (ds.name.kind.startsWith("zone/") && !((zoneRoots.get(ds.name.pool_name) ?? 0) > 0))
      out.datasets[ds.id] = err(`${datasetLabel(ds)}: the pool's zone dataset does not exist`);
    else if (clash && clash.id !== ds.id)
      out.datasets[ds.id] = err(
        `${datasetLabel(ds)}: a dataset with that name exists with id ${clash.id}`,
      );
    else {
      const before = datasets.get(ds.id);
      if (before) countRoot(before, -1);
      datasets.set(ds.id, ds);
      countRoot(ds, 1);
      byName.set(name, ds);
      out.datasets[ds.id] = OK;
    }
  }
  return { ...s, datasets: sortById([...datasets.values()]) };
}

/**
 * `zone` roots before other datasets before `zone/…` children, as the reconciler does; each
 * group in config order (what a stable sort by that rank gives).
 */
function rootsFirst(datasets: readonly WireDataset[]): WireDataset[] {
  const roots: WireDataset[] = [];
  const others: WireDataset[] = [];
  const children: WireDataset[] = [];
  for (const d of datasets) {
    const kind = d.name.kind;
    if (kind === "zone") roots.push(d);
    else if (kind.startsWith("zone/")) children.push(d);
    else others.push(d);
  }
  for (const d of others) roots.push(d);
  for (const d of children) roots.push(d);
  return roots;
}

export function emptyReconcileResult(): ReconcileResult {
  return {
    disks: keyedObject(),
    datasets: keyedObject(),
    zones: keyedObject(),
    orphanedDatasets: [],
  };
}

/** Run every phase at once (the hazard check; the simulator runs them over time). */
export function reconcile(
  state: SledAgentState,
  body: SledConfigBody,
  opts: SledRulesOptions,
): { state: SledAgentState; result: ReconcileResult } {
  const config = sledConfigItems(body);
  const result = emptyReconcileResult();
  let s = state;
  for (const phase of RECONCILER_PHASES) s = phase.run(s, config, result, opts);
  return { state: { ...s, generations: { ...s.generations, config: body.generation } }, result };
}

export function reconcileErrors(result: ReconcileResult): string[] {
  const errs: string[] = [];
  for (const [kind, map] of [
    ["disk", result.disks],
    ["dataset", result.datasets],
    ["zone", result.zones],
  ] as const) {
    for (const id of Object.keys(map)) {
      const r = map[id] as ItemResult;
      if (r.result === "err") errs.push(`${kind} ${id}: ${r.message}`);
    }
  }
  for (const o of result.orphanedDatasets)
    if (o.reason.startsWith("not destroyed")) errs.push(`${datasetLabel(o.dataset)} ${o.reason}`);
  return errs;
}
