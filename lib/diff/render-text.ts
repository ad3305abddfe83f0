/**
 * renderDiffText: the diff as text, laid out like omicron's `BlueprintDiffDisplay`
 * (nexus/types/src/deployment/blueprint_diff.rs): `from:`/`to:` lines, REMOVED / MODIFIED /
 * ADDED SLEDS sections, and per sled the physical disks, datasets and omicron zones tables.
 * Rows go unchanged, removed, modified, added; within a group disks sort by identity,
 * datasets by (kind, pool) and zones by (kind, id), as omicron sorts them. Omitted: the
 * sled's update disposition, measurements and host phase 2 tables, the COCKROACHDB /
 * METADATA / OXIMETER sections and DNS, which the console does not model.
 */
import type { Dataset, PhysicalDisk, Zone } from "../blueprint/model";
import { datasetFullName } from "../blueprint/zones";
import {
  formatByteCount,
  formatCompression,
  formatDatasetDisposition,
  formatDiskDisposition,
  formatImageSource,
  formatZoneDisposition,
  zoneUnderlayIp,
} from "./cells";
import { compareDatasets, compareDisks, compareZones } from "./sort";
import { cell, renderTable, type RowState, type TableRow } from "./table";
import type { BlueprintDiff, SledDiff } from "./types";

const ROW_ORDER: readonly RowState[] = ["unchanged", "removed", "modified", "added"];

interface Versions<T> {
  before: T | null;
  after: T | null;
  changes: readonly unknown[];
}

function rowState(item: Versions<unknown>): RowState {
  if (item.before === null) return "added";
  if (item.after === null) return "removed";
  return item.changes.length > 0 ? "modified" : "unchanged";
}

function rowsOf<T>(
  items: ReadonlyArray<Versions<T>>,
  columns: ReadonlyArray<(item: T) => string>,
  compare: (a: T, b: T) => number,
): TableRow[] {
  const rows: Array<{ state: RowState; key: T; row: TableRow }> = [];
  for (const item of items) {
    const { before, after } = item;
    const key = after ?? before;
    if (key === null) continue;
    const cells = columns.map((format) => cell(before && format(before), after && format(after)));
    rows.push({ state: rowState(item), key, row: { state: rowState(item), cells } });
  }
  rows.sort(
    (a, b) => ROW_ORDER.indexOf(a.state) - ROW_ORDER.indexOf(b.state) || compare(a.key, b.key),
  );
  return rows.map((r) => r.row);
}

const DISK_COLUMNS: ReadonlyArray<(disk: PhysicalDisk) => string> = [
  (d) => d.identity.vendor,
  (d) => d.identity.model,
  (d) => d.identity.serial,
  formatDiskDisposition,
];

const DATASET_COLUMNS: ReadonlyArray<(dataset: Dataset) => string> = [
  datasetFullName,
  (d) => d.id,
  formatDatasetDisposition,
  (d) => formatByteCount(d.quota),
  (d) => formatByteCount(d.reservation),
  (d) => formatCompression(d.compression),
];

const ZONE_COLUMNS: ReadonlyArray<(zone: Zone) => string> = [
  (z) => z.zoneType.type,
  (z) => z.id,
  (z) => formatImageSource(z.imageSource),
  formatZoneDisposition,
  (z) => zoneUnderlayIp(z.zoneType) ?? "unknown",
];

function sledTables(sled: SledDiff): string[] {
  const tables: string[] = [];
  const disks = rowsOf(sled.disks, DISK_COLUMNS, compareDisks);
  if (disks.length)
    tables.push(renderTable("physical disks", ["vendor", "model", "serial", "disposition"], disks));
  const datasets = rowsOf(sled.datasets, DATASET_COLUMNS, compareDatasets);
  if (datasets.length) {
    const columns = [
      "dataset name",
      "dataset id",
      "disposition",
      "quota",
      "reservation",
      "compression",
    ];
    tables.push(renderTable("datasets", columns, datasets));
  }
  const zones = rowsOf(sled.zones, ZONE_COLUMNS, compareZones);
  if (zones.length) {
    const columns = ["zone type", "zone id", "image source", "disposition", "underlay IP"];
    tables.push(renderTable("omicron zones", columns, zones));
  }
  return tables;
}

function arrow(before: string | number | null, after: string | number | null): string {
  if (before === null || after === null || before === after) return String(before ?? after);
  return `${before} -> ${after}`;
}

function sledHeader(sled: SledDiff): string {
  const { state, generation } = sled;
  if (sled.status === "added")
    return `  sled ${sled.id} (${state.after}, config generation ${generation.after}):`;
  if (sled.status === "removed")
    return `  sled ${sled.id} (was ${state.before}, config generation ${generation.before}):`;
  const states = arrow(state.before, state.after);
  return `  sled ${sled.id} (${states}, config generation ${arrow(generation.before, generation.after)}):`;
}

function section(title: string, sleds: readonly SledDiff[]): string[] {
  if (sleds.length === 0) return [];
  const lines = [` ${title}:`, ""];
  for (const sled of sleds) {
    lines.push(sledHeader(sled), "");
    for (const table of sledTables(sled)) lines.push(table, "", "");
  }
  return lines;
}

export function renderDiffText(diff: BlueprintDiff): string {
  const lines = [`from: blueprint ${diff.parentId}`, `to:   blueprint ${diff.targetId}`, ""];
  const of = (...statuses: string[]) => diff.sleds.filter((s) => statuses.includes(s.status));
  lines.push(...section("REMOVED SLEDS", of("removed")));
  lines.push(...section("MODIFIED SLEDS", of("modified", "decommissioned")));
  lines.push(...section("ADDED SLEDS", of("added")));
  return `${lines.join("\n")}\n`;
}
