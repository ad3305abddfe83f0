/**
 * Changing a dataset's properties (quota, reservation, compression) in place. The dataset
 * keeps its id, so the sled agent updates the ZFS properties instead of destroying and
 * recreating it (docs/ARCHITECTURE.md, "Steps per profile": a dataset whose properties change is never removed and
 * re-added; the reconciler's "ensure datasets" step applies them,
 * sled-agent/config-reconciler/src/reconciler_task.rs).
 */
import type { Compression } from "../blueprint/model";
import type { BlueprintDraft } from "./draft";
import { editableSled, type EditError } from "./expunge";

export interface DatasetProperties {
  quota?: number | null;
  reservation?: number | null;
  compression?: Compression;
}

const COMPRESSION_TYPES = ["on", "off", "gzip", "gzip_n", "lz4", "lzjb", "zle"];

function checkBytes(name: string, value: number | null | undefined): EditError {
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || value < 0)
    return `${name} must be a whole number of bytes or null, got ${value}`;
  return undefined;
}

function checkCompression(compression: Compression | undefined): EditError {
  if (compression === undefined) return undefined;
  if (!COMPRESSION_TYPES.includes(compression.type))
    return `unknown compression ${compression.type}`;
  const { level } = compression;
  // omicron's GzipLevel only admits 1..=9 (common/src/disk.rs).
  const levelOk =
    compression.type === "gzip_n"
      ? level !== undefined && level >= 1 && level <= 9
      : level === undefined;
  return levelOk ? undefined : `invalid level for compression ${compression.type}`;
}

export function setDatasetProperties(
  bp: BlueprintDraft,
  datasetId: string,
  props: DatasetProperties,
): EditError {
  const invalid =
    checkBytes("quota", props.quota) ??
    checkBytes("reservation", props.reservation) ??
    checkCompression(props.compression);
  if (invalid) return invalid;
  const sledId = bp.sledOf(datasetId);
  if (sledId === undefined) return `dataset ${datasetId} not found`;
  const sled = editableSled(bp, sledId);
  if (typeof sled === "string") return sled;
  const dataset = sled.datasets.find((d) => d.id === datasetId);
  if (!dataset) return `dataset ${datasetId} not found`;
  if (dataset.disposition === "expunged") return `dataset ${datasetId} is expunged`;
  const next = { ...dataset, ...props };
  // ZFS rejects a reservation larger than the dataset's quota.
  if (next.quota !== null && next.reservation !== null && next.reservation > next.quota) {
    return `reservation ${next.reservation} exceeds quota ${next.quota} for dataset ${datasetId}`;
  }
  const same =
    next.quota === dataset.quota &&
    next.reservation === dataset.reservation &&
    JSON.stringify(next.compression) === JSON.stringify(dataset.compression);
  if (same) return `dataset ${datasetId} already has these properties`;
  const draft = bp.edit(sledId);
  if (!draft) return `sled ${sledId} not found`;
  bp.put(draft, "dataset", next);
  return undefined;
}
