/**
 * The console's internal blueprint model. Every accepted input form (omicron HEAD with
 * arrays, the 2025 form with id-keyed objects, the January-2025 form with four per-sled
 * maps, and a bare sled-agent `OmicronSledConfig`) normalises to these types.
 *
 * Invariants (established by the importer, relied on everywhere else):
 * - `Blueprint.sleds` is sorted by sled id; each sled's disks, datasets and zones are sorted
 *   by id. Plans are deterministic because of this ordering.
 * - Objects are plain JSON (no Maps, no classes) so they can be stored, hashed and sent to
 *   the browser unchanged.
 * - Fields omicron has that the console does not interpret live in `extra`, untouched, so
 *   an imported blueprint can be exported again without loss.
 *
 * Omicron source: nexus/types/src/deployment.rs (BlueprintSledConfig and friends).
 */

export type ItemDisposition = "in_service" | "expunged";
export type SledState = "active" | "decommissioned";
export type ItemKind = "disk" | "dataset" | "zone";

/** `oxp_<zpool uuid>` */
export type ZpoolName = string;

export interface DiskIdentity {
  vendor: string;
  model: string;
  serial: string;
}

export interface PhysicalDisk {
  id: string;
  poolId: string;
  identity: DiskIdentity;
  disposition: ItemDisposition;
  /** For expunged disks: the generation in which the disk was expunged, if known. */
  expungedAsOf?: number;
  readyForCleanup?: boolean;
  extra: Record<string, unknown>;
}

/** Tagged by `type`: `on`, `off`, `gzip`, `{type: "gzip_n", level}`, `lz4`, `lzjb`, `zle`. */
export interface Compression {
  type: string;
  level?: number;
}

export interface Dataset {
  id: string;
  pool: ZpoolName;
  /** `crucible`, `zone`, `zone/oxz_crucible_<id>`, `debug`, … (omicron's DatasetKind string) */
  kind: string;
  disposition: ItemDisposition;
  address: string | null;
  quota: number | null;
  reservation: number | null;
  compression: Compression;
  extra: Record<string, unknown>;
}

/** omicron's `BlueprintZoneType`, tagged by `type`; all its fields are kept as they came. */
export interface ZoneType {
  type: string;
  dataset?: { pool_name: ZpoolName };
  [field: string]: unknown;
}

export interface Zone {
  id: string;
  disposition: ItemDisposition;
  /** For expunged zones: the generation in which the zone was expunged, if known. */
  expungedAsOf?: number;
  readyForCleanup?: boolean;
  /** Pool of the transient root dataset. Optional in omicron before March 2025. */
  filesystemPool: ZpoolName | null;
  zoneType: ZoneType;
  /** omicron's `image_source` as it came; absent in the January-2025 form. */
  imageSource?: unknown;
  extra: Record<string, unknown>;
}

/** Per-endpoint generations of the January-2025 form (one ledger per endpoint). */
export interface SplitGenerations {
  disks: number;
  datasets: number;
  zones: number;
}

export interface SledConfig {
  id: string;
  state: SledState;
  /** `sled_agent_generation` (HEAD); for the January-2025 form the largest of the three. */
  generation: number;
  /** Present when the input carried one generation per endpoint (January 2025). */
  splitGenerations?: SplitGenerations;
  disks: PhysicalDisk[];
  datasets: Dataset[];
  zones: Zone[];
  extra: Record<string, unknown>;
}

export type BlueprintFormat = "current" | "keyed-2025" | "jan-2025" | "sled-config";

export interface Blueprint {
  id: string;
  parentId: string | null;
  format: BlueprintFormat;
  sleds: SledConfig[];
  creator?: string;
  comment?: string;
  timeCreated?: string;
  extra: Record<string, unknown>;
}
