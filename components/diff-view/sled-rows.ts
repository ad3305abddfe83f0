/**
 * A sled's diff as the three tables omicron prints (physical disks, datasets, omicron zones),
 * with the same columns, cell formats and row order as lib/diff/render-text.ts, as data for
 * HTML tables. Pure.
 */
import type { Dataset, PhysicalDisk, Zone } from "~/lib/blueprint/model";
import { datasetFullName } from "~/lib/blueprint/zones";
import {
  formatByteCount,
  formatCompression,
  formatDatasetDisposition,
  formatDiskDisposition,
  formatImageSource,
  formatZoneDisposition,
  zoneUnderlayIp,
} from "~/lib/diff/cells";
import { compareDatasets, compareDisks, compareZones } from "~/lib/diff/sort";
import { cell, type Cell, type RowState } from "~/lib/diff/table";
import type { ItemStatus } from "~/lib/diff/types";

export interface SledTable {
  title: string;
  columns: string[];
  /** `word`: the row's state in words, "− expunged" for an item still listed but expunged. */
  rows: { key: string; state: RowState; word: string; cells: Cell[] }[];
}

interface Versions<T> {
  id: string;
  before: T | null;
  after: T | null;
  changes: readonly unknown[];
  /** lib/diff's status, where given: an item the target expunges is `removed` there. */
  status?: ItemStatus;
}

const ROW_ORDER: readonly RowState[] = ["unchanged", "removed", "modified", "added"];

/**
 * The row's state, counted as the diff summary counts it (lib/diff): an item taken out of
 * service (expunged) is `removed`, shown destructive, though omicron's text marks it `*`.
 */
function rowState(item: Versions<unknown>): RowState {
  if (item.before === null) return "added";
  if (item.after === null || item.status === "removed") return "removed";
  return item.changes.length > 0 ? "modified" : "unchanged";
}

function table<T>(
  title: string,
  columns: [string, (item: T) => string][],
  items: readonly Versions<T>[],
  compare: (a: T, b: T) => number,
  withUnchanged: boolean,
): SledTable {
  const rows: (SledTable["rows"][number] & { sortKey: T })[] = [];
  for (const item of items) {
    const sortKey = item.after ?? item.before;
    const state = rowState(item);
    if (sortKey === null || (!withUnchanged && state === "unchanged")) continue;
    const cells = columns.map(([, format]) =>
      cell(item.before && format(item.before), item.after && format(item.after)),
    );
    const word = state === "removed" && item.after !== null ? "− expunged" : ROW_STATE_WORD[state];
    rows.push({ key: item.id, state, word, cells, sortKey });
  }
  rows.sort(
    (a, b) =>
      ROW_ORDER.indexOf(a.state) - ROW_ORDER.indexOf(b.state) || compare(a.sortKey, b.sortKey),
  );
  return {
    title,
    columns: columns.map(([name]) => name),
    rows: rows.map(({ sortKey: _, ...row }) => row),
  };
}

/** lib's SledDiff items, loosely: the tRPC answer's JSON form fits too. */
export interface SledItems {
  disks: readonly Versions<PhysicalDisk>[];
  datasets: readonly Versions<Dataset>[];
  zones: readonly Versions<Zone>[];
}

export function sledTables(sled: SledItems, withUnchanged: boolean): SledTable[] {
  const disks = table<PhysicalDisk>(
    "physical disks",
    [
      ["vendor", (d) => d.identity.vendor],
      ["model", (d) => d.identity.model],
      ["serial", (d) => d.identity.serial],
      ["disposition", formatDiskDisposition],
    ],
    sled.disks,
    compareDisks,
    withUnchanged,
  );
  const datasets = table<Dataset>(
    "datasets",
    [
      ["dataset name", datasetFullName],
      ["dataset id", (d) => d.id],
      ["disposition", formatDatasetDisposition],
      ["quota", (d) => formatByteCount(d.quota)],
      ["reservation", (d) => formatByteCount(d.reservation)],
      ["compression", (d) => formatCompression(d.compression)],
    ],
    sled.datasets,
    compareDatasets,
    withUnchanged,
  );
  const zones = table<Zone>(
    "omicron zones",
    [
      ["zone type", (z) => z.zoneType.type],
      ["zone id", (z) => z.id],
      ["image source", (z) => formatImageSource(z.imageSource)],
      ["disposition", formatZoneDisposition],
      ["underlay IP", (z) => zoneUnderlayIp(z.zoneType) ?? "unknown"],
    ],
    sled.zones,
    compareZones,
    withUnchanged,
  );
  return [disks, datasets, zones].filter((t) => t.rows.length > 0);
}

/** Words for a row's state: the `+ - *` prefix of omicron's text, spelled out. */
export const ROW_STATE_WORD: Readonly<Record<RowState, string>> = {
  unchanged: "unchanged",
  removed: "− removed",
  modified: "* modified",
  added: "+ added",
};
