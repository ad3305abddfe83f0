/**
 * How omicron prints blueprint values in its tables, so the console's text diff reads like
 * `reconfigurator-cli blueprint-diff`. Sources: `ByteCount` Display
 * (common/src/api/external/mod.rs), `CompressionAlgorithm` Display (common/src/disk.rs),
 * zone and disk disposition and `BlueprintZoneImageSource` Display
 * (nexus/types/src/deployment.rs), `BlueprintZoneType::underlay_ip` (zone_type.rs).
 */
import type { Compression, Dataset, PhysicalDisk, Zone, ZoneType } from "../blueprint/model";

const KIB = 1024;
const UNITS: ReadonlyArray<[string, number]> = [
  ["TiB", KIB ** 4],
  ["GiB", KIB ** 3],
  ["MiB", KIB ** 2],
  ["KiB", KIB],
];

/** `100 GiB`; a unit is used only when it divides the value exactly, as omicron does. */
export function formatByteCount(bytes: number | null): string {
  if (bytes === null) return "none";
  for (const [unit, size] of UNITS) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} B`;
}

export function formatCompression(compression: Compression): string {
  if (compression.type === "gzip_n") return `gzip-${compression.level ?? "?"}`;
  return compression.type;
}

export function formatDatasetDisposition(dataset: Pick<Dataset, "disposition">): string {
  return dataset.disposition === "in_service" ? "in service" : "expunged";
}

/** `expunged ⏳` until the planner has seen the sled agent drop the zone, then `expunged ✓`. */
export function formatZoneDisposition(zone: Pick<Zone, "disposition" | "readyForCleanup">): string {
  if (zone.disposition === "in_service") return "in service";
  return zone.readyForCleanup === true ? "expunged ✓" : "expunged ⏳";
}

/** Same strings as zones (`BlueprintPhysicalDiskDisposition` Display). */
export function formatDiskDisposition(
  disk: Pick<PhysicalDisk, "disposition" | "readyForCleanup">,
): string {
  if (disk.disposition === "in_service") return "in service";
  return disk.readyForCleanup === true ? "expunged ✓" : "expunged ⏳";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function formatImageSource(source: unknown): string {
  if (!isRecord(source) || source.type === "install_dataset") return "install dataset";
  if (source.type !== "artifact") return String(source.type);
  const version = source.version;
  if (isRecord(version) && version.artifact_version === "available")
    return `artifact: version ${String(version.version)}`;
  return "artifact: (unknown version)";
}

/** `[fd00::8]:32345` → `fd00::8`; bare addresses pass through. */
export function hostOf(socketAddress: string): string {
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(socketAddress);
  if (bracketed?.[1]) return bracketed[1];
  return socketAddress;
}

/** Which zone_type field carries the underlay address (zone_type.rs `underlay_ip`). */
export function zoneUnderlayIp(zoneType: ZoneType): string | null {
  for (const field of ["address", "internal_address", "http_address"]) {
    const value = zoneType[field];
    if (typeof value === "string") return hostOf(value);
  }
  return null;
}
