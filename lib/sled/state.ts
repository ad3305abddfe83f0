/**
 * The state of one sled agent as the strict sled model sees it: which disks it manages, which
 * datasets exist, which zones run, and its ledgers (generation + last accepted content per
 * endpoint). One implementation of these rules serves the hazard check and the simulator.
 */
import type { WireDataset, WireDisk, WireItems, WireZone } from "../wire/types";
import { sortById } from "../wire/bodies";
import { shortId } from "../blueprint/zones";

export interface SledLedgers {
  /** January-2025 endpoints; 1 means "nothing requested yet" (omicron `Generation::new()`). */
  disks: number;
  datasets: number;
  zones: number;
  /** `PUT /omicron-config` (one generation since omicron #8067). */
  config: number;
}

export interface SledAgentState {
  generations: SledLedgers;
  disks: WireDisk[];
  datasets: WireDataset[];
  zones: WireZone[];
  /** Datasets left on disk that no config names (omicron's `orphaned_datasets`). */
  orphanedDatasets: OrphanedDataset[];
}

export interface OrphanedDataset {
  dataset: WireDataset;
  reason: string;
}

export function emptySledState(): SledAgentState {
  return {
    generations: { disks: 1, datasets: 1, zones: 1, config: 1 },
    disks: [],
    datasets: [],
    zones: [],
    orphanedDatasets: [],
  };
}

/** A sled that already runs `items`, ledgered at the given generations. */
export function sledStateFrom(items: WireItems, generations: SledLedgers): SledAgentState {
  return {
    generations: { ...generations },
    disks: sortById(items.disks),
    datasets: sortById(items.datasets),
    zones: sortById(items.zones),
    orphanedDatasets: [],
  };
}

export { sortById };

export function datasetName(d: WireDataset): string {
  return `${d.name.pool_name}/${d.name.kind}`;
}

export function poolOfDisk(d: WireDisk): string {
  return `oxp_${d.pool_id}`;
}

export { shortId } from "../blueprint/zones";

export function zoneLabel(z: WireZone): string {
  return `zone ${z.zone_type.type} ${shortId(z.id)}`;
}

export function datasetLabel(d: WireDataset): string {
  return `dataset ${d.name.kind} on ${d.name.pool_name}`;
}
