/**
 * Sled-agent wire types: what the sled agent accepts and keeps in its ledgers. These are
 * omicron's JSON shapes (snake_case), so the simulator can store request bodies as they came
 * and the strict sled model can reason about exactly what was sent.
 *
 * Specs: ../shared/omicron/sled-agent-openapi-2025-01-06-split-endpoints.json (`split`) and
 * ../shared/omicron/sled-agent-openapi-v48-latest.json (`reconciler`).
 */
import type { Compression, DiskIdentity, ZoneType } from "../blueprint/model";

export type SledAgentProfile = "split" | "reconciler";

/** omicron `OmicronPhysicalDiskConfig` */
export interface WireDisk {
  identity: DiskIdentity;
  id: string;
  pool_id: string;
}

/** omicron `DatasetConfig` */
export interface WireDataset {
  id: string;
  name: { pool_name: string; kind: string };
  compression: Compression;
  quota: number | null;
  reservation: number | null;
}

/** omicron `OmicronZoneConfig`; `image_source` only exists from Feb 2025 on (absent for `split`). */
export interface WireZone {
  id: string;
  filesystem_pool: string | null;
  zone_type: ZoneType;
  image_source?: unknown;
}

/** `PUT /omicron-physical-disks` */
export interface DisksConfigBody {
  generation: number;
  disks: WireDisk[];
}

/** `PUT /datasets` (map keyed by dataset id) */
export interface DatasetsConfigBody {
  generation: number;
  datasets: Record<string, WireDataset>;
}

/** `PUT /omicron-zones` */
export interface ZonesConfigBody {
  generation: number;
  zones: WireZone[];
}

/** `PUT /omicron-config`: omicron `OmicronSledConfig` (v48), maps keyed by id. */
export interface SledConfigBody {
  generation: number;
  disks: Record<string, WireDisk>;
  datasets: Record<string, WireDataset>;
  zones: Record<string, WireZone>;
  remove_mupdate_override: string | null;
  host_phase_2: unknown;
  measurements: unknown[];
}

/** The three item sets a sled agent manages, as plain sorted arrays. */
export interface WireItems {
  disks: WireDisk[];
  datasets: WireDataset[];
  zones: WireZone[];
}

export type SplitEndpoint = "disks" | "datasets" | "zones";
export type Endpoint = SplitEndpoint | "config";

export const ENDPOINT_PATH: Readonly<Record<Endpoint, string>> = {
  disks: "/omicron-physical-disks",
  datasets: "/datasets",
  zones: "/omicron-zones",
  config: "/omicron-config",
};
