/**
 * Checks within one active sled: every in-service zone has its datasets, every in-service
 * dataset has a disk and (for `zone/…`) its parent, and no two in-service datasets share a
 * name. These are the preconditions the sled agent's config reconciler enforces
 * (sled-agent/config-reconciler: `validate_zone_storage` wants the root and durable datasets
 * `Ensured`; `zone/…` datasets are ensured after their pool's `zone` dataset).
 */
import type { Dataset, SledConfig, Zone } from "./model";
import { QUIESCED_EXTRA_KEY } from "./normalize";
import { indexSled, type SledIndex } from "./resolve";
import type { Finding, FindingItem } from "./findings";
import {
  KNOWN_ZONE_TYPES,
  ZONE_ROOT_KIND,
  datasetNameKey,
  isTransientZoneKind,
  shortId,
  zoneDatasetRefs,
} from "./zones";

export function validateSled(sled: SledConfig): Finding[] {
  const out: Finding[] = [];
  const add = (f: Omit<Finding, "sledId">): void => void out.push({ ...f, sledId: sled.id });
  const index = indexSled(sled);
  for (const zone of sled.zones) checkZone(sled, index, zone, add);
  const live = sled.datasets.filter((d) => d.disposition === "in_service");
  for (const ds of live) checkDataset(index, ds, add);
  checkDuplicateNames(live, add);
  return out;
}

type Add = (f: Omit<Finding, "sledId">) => void;

const zoneItem = (z: Zone): FindingItem => ({ kind: "zone", id: z.id });
const datasetItem = (d: Dataset): FindingItem => ({ kind: "dataset", id: d.id });
const zoneLabel = (z: Zone): string => `${z.zoneType.type} zone ${shortId(z.id)}`;

function checkZone(sled: SledConfig, index: SledIndex, zone: Zone, add: Add): void {
  checkZoneKnown(zone, add);
  if (zone.disposition !== "in_service") return;
  if (zone.filesystemPool === null) {
    add({
      code: "zone-without-filesystem-pool",
      severity: "warning",
      items: [zoneItem(zone)],
      message: `The ${zoneLabel(zone)} names no filesystem_pool and has no root dataset, so its root dataset cannot be checked.`,
    });
  }
  const refs = zoneDatasetRefs(zone);
  for (const ref of refs) checkZoneDataset(sled, index, zone, ref, add);
  const root = refs.find((r) => r.role === "root");
  const durable = refs.find((r) => r.role === "durable");
  if (root && durable && root.pool !== durable.pool) {
    add({
      code: "zone-pools-differ",
      severity: "error",
      items: [zoneItem(zone)],
      message: `The ${zoneLabel(zone)} has its durable dataset on ${durable.pool} but its root filesystem on ${root.pool}; omicron requires one zpool for both (SledEditError::ZoneInvalidZpoolCombination).`,
    });
  }
}

/** Warnings about zones whatever their disposition: what the console cannot fully check. */
function checkZoneKnown(zone: Zone, add: Add): void {
  if (!KNOWN_ZONE_TYPES.includes(zone.zoneType.type)) {
    add({
      code: "unknown-zone-type",
      severity: "warning",
      items: [zoneItem(zone)],
      message: `Zone ${shortId(zone.id)} has type "${zone.zoneType.type}", which the console does not know; only its root dataset is checked.`,
    });
  }
  if (zone.extra[QUIESCED_EXTRA_KEY] === "quiesced") {
    add({
      code: "zone-was-quiesced",
      severity: "warning",
      items: [zoneItem(zone)],
      message: `The ${zoneLabel(zone)} was "quiesced" in the January-2025 blueprint; it is treated as in service (omicron kept quiesced zones running).`,
    });
  }
}

/** An in-service zone's root or durable dataset must exist on the pool it names, in service. */
function checkZoneDataset(
  sled: SledConfig,
  index: SledIndex,
  zone: Zone,
  ref: ReturnType<typeof zoneDatasetRefs>[number],
  add: Add,
): void {
  const ds = index.dataset(ref.pool, ref.kind);
  const what = `${ref.role} dataset ${ref.kind} on ${ref.pool}`;
  if (!ds) {
    const elsewhere = sled.datasets.find(
      (d) => d.kind === ref.kind && d.disposition === "in_service",
    );
    const hint = elsewhere
      ? ` (there is one on ${elsewhere.pool}, but a zone uses the pool it names)`
      : "";
    add({
      code: "zone-dataset-missing",
      severity: "error",
      items: [zoneItem(zone)],
      message: `The in-service ${zoneLabel(zone)} has no ${what}${hint}.`,
    });
  } else if (ds.disposition !== "in_service") {
    add({
      code: "zone-dataset-expunged",
      severity: "error",
      items: [zoneItem(zone), datasetItem(ds)],
      message: `The in-service ${zoneLabel(zone)} uses ${what}, but that dataset (${shortId(ds.id)}) is expunged.`,
    });
  }
}

function checkDataset(index: SledIndex, ds: Dataset, add: Add): void {
  const disk = index.diskForPool(ds.pool);
  if (!disk || disk.disposition !== "in_service") {
    const why = disk
      ? `its disk ${shortId(disk.id)} is expunged`
      : "no physical disk of this sled has that zpool";
    add({
      code: "dataset-pool-without-disk",
      severity: "error",
      items: disk ? [datasetItem(ds), { kind: "disk", id: disk.id }] : [datasetItem(ds)],
      message: `The in-service dataset ${ds.kind} on ${ds.pool} (${shortId(ds.id)}) has no in-service disk: ${why}.`,
    });
  }
  if (isTransientZoneKind(ds.kind)) {
    const parent = index.dataset(ds.pool, ZONE_ROOT_KIND);
    if (!parent || parent.disposition !== "in_service") {
      add({
        code: "zone-root-parent-missing",
        severity: "error",
        items: [datasetItem(ds)],
        message: `The in-service dataset ${ds.kind} on ${ds.pool} has no in-service "${ZONE_ROOT_KIND}" dataset on that zpool to live under.`,
      });
    }
  }
}

/** The sled agent names datasets `<pool>/<kind>`: two in-service ones cannot share a name. */
function checkDuplicateNames(live: readonly Dataset[], add: Add): void {
  const byName = new Map<string, Dataset[]>();
  for (const ds of live) {
    const key = datasetNameKey(ds.pool, ds.kind);
    const group = byName.get(key);
    if (group) group.push(ds);
    else byName.set(key, [ds]);
  }
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    add({
      code: "duplicate-dataset-name",
      severity: "error",
      items: group.map(datasetItem),
      message: `${group.length} in-service datasets share the name ${name} (${group.map((d) => shortId(d.id)).join(", ")}).`,
    });
  }
}
