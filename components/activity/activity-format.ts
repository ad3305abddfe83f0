/**
 * What the activity page says about Nexus's `update-status` (as `rack.activity` passes it on,
 * unparsed): how many zones and host OS slots run which version, how many MGS-driven updates
 * are under way. Pure; never throws on shapes it does not know (they count as "unknown").
 */

export interface VersionCount {
  version: string;
  count: number;
}

export interface UpdateProgress {
  sleds: number;
  /** Zones per version, most zones first. */
  zones: VersionCount[];
  /** Each sled's booted host OS (its boot disk's slot, slot A when unknown) per version. */
  hostOs: VersionCount[];
  mgsDriven: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * omicron's `TufRepoVersion` in words: `{zone_status_version: "version", details: "17.0.0"}`
 * (adjacently tagged), `"install_dataset"`, `"unknown"`, `{zone_status_version: "error", details}`.
 */
export function versionLabel(v: unknown): string {
  if (typeof v === "string") return v === "install_dataset" ? "install dataset" : v;
  if (!isObject(v)) return "unknown";
  const tag = v.zone_status_version ?? v.kind ?? v.type;
  const details = v.details;
  if (tag === "version" && typeof details === "string") return details;
  if (tag === "install_dataset") return "install dataset";
  if (tag === "error") return `error: ${typeof details === "string" ? details : "?"}`;
  if (typeof tag === "string") return tag.replaceAll("_", " ");
  // Externally tagged (`{"version": "17.0.0"}`).
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === "version" && typeof v.version === "string") return v.version;
  return "unknown";
}

const asList = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];

function tally(versions: string[]): VersionCount[] {
  const m = new Map<string, number>();
  for (const v of versions) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([version, count]) => ({ version, count }))
    .sort((a, b) => b.count - a.count || a.version.localeCompare(b.version));
}

function bootedHostOs(sled: Record<string, unknown>): string | null {
  const h = sled.host_phase_2;
  if (!isObject(h)) return null;
  const boot = h.boot_disk;
  const slot = isObject(boot) ? boot.ok : boot;
  const slotB = slot === "B" || slot === "b";
  return versionLabel(slotB ? h.slot_b_version : h.slot_a_version);
}

/** The counts, or null when `update-status` is not there (never read, or a Nexus without it). */
export function updateProgress(status: unknown): UpdateProgress | null {
  if (!isObject(status) || (!("sleds" in status) && !("mgs_driven" in status))) return null;
  const sleds = asList(status.sleds).filter(isObject);
  return {
    sleds: sleds.length,
    zones: tally(
      sleds.flatMap((s) => asList(s.zones).map((z) => versionLabel(isObject(z) ? z.version : z))),
    ),
    hostOs: tally(sleds.flatMap((s) => bootedHostOs(s) ?? [])),
    mgsDriven: asList(status.mgs_driven).length,
  };
}

/** "12 on 17.0.0, 3 on install dataset", or "none". */
export function countsText(counts: VersionCount[]): string {
  return counts.length === 0 ? "none" : counts.map((c) => `${c.count} on ${c.version}`).join(", ");
}
