/**
 * Blueprint items → sled-agent request bodies. Only in-service items are sent (omicron
 * `BlueprintSledConfig::into_in_service_sled_config`, nexus/types/src/deployment.rs), and a
 * blueprint zone type is converted to the agent's `OmicronZoneType`
 * (`impl From<BlueprintZoneType> for OmicronZoneType`, nexus/types/src/deployment/zone_type.rs).
 */
import type { Dataset, PhysicalDisk, SledConfig, Zone, ZoneType } from "../blueprint/model";
import { keyedObject } from "../util/keyed-object";
import type {
  DatasetsConfigBody,
  DisksConfigBody,
  SledAgentProfile,
  SledConfigBody,
  WireDataset,
  WireDisk,
  WireItems,
  WireZone,
  ZonesConfigBody,
} from "./types";

export function toWireDisk(d: PhysicalDisk): WireDisk {
  return { identity: { ...d.identity }, id: d.id, pool_id: d.poolId };
}

export function toWireDataset(d: Dataset): WireDataset {
  return {
    id: d.id,
    name: { pool_name: d.pool, kind: d.kind },
    compression: { ...d.compression },
    quota: d.quota,
    reservation: d.reservation,
  };
}

/**
 * Blueprint zone types carry external-IP ids and Nexus handoff fields that the agent's type
 * does not: boundary NTP's `external_ip.snat_cfg` becomes `snat_cfg`, external DNS's
 * `dns_address.addr` becomes `dns_address`, Nexus's `external_ip.ip` becomes `external_ip`,
 * and `nexus_generation` is dropped. The January-2025 agent also had no `lockstep_port`.
 */
export function toAgentZoneType(zt: ZoneType, profile: SledAgentProfile): ZoneType {
  const out: ZoneType = { ...zt };
  const obj = (v: unknown): Record<string, unknown> | null =>
    typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null;
  if (zt.type === "boundary_ntp" && obj(zt.external_ip)?.snat_cfg !== undefined) {
    out.snat_cfg = obj(zt.external_ip)?.snat_cfg;
    delete out.external_ip;
  }
  if (zt.type === "external_dns" && obj(zt.dns_address)?.addr !== undefined) {
    out.dns_address = obj(zt.dns_address)?.addr;
  }
  if (zt.type === "nexus") {
    if (obj(zt.external_ip)?.ip !== undefined) out.external_ip = obj(zt.external_ip)?.ip;
    delete out.nexus_generation;
    if (profile === "split") delete out.lockstep_port;
  }
  if (profile === "split" && out.nic !== undefined) out.nic = toJan2025Nic(out.nic);
  return out;
}

/**
 * The January-2025 `NetworkInterface` had one address, `{ip, subnet, transit_ips}`, where the
 * model (and sled-agent API v14+) has `ip_config: {type: v4|v6|dual_stack, value}`; the
 * inverse of `upgradeNic` (lib/blueprint/zone-type-upgrade.ts). Dual-stack NICs did not exist
 * then; their IPv4 half is what a service NIC of that era carried.
 */
function toJan2025Nic(nic: unknown): unknown {
  const rec = (v: unknown) =>
    typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null; // plain JSON
  const n = rec(nic);
  const cfg = rec(n?.ip_config);
  const v = rec(cfg?.type === "dual_stack" ? rec(cfg.value)?.v4 : cfg?.value);
  if (!n || !v || typeof v.ip !== "string") return nic;
  const out: Record<string, unknown> = {
    ...n,
    ip: v.ip,
    subnet: v.subnet,
    transit_ips: v.transit_ips ?? [],
  };
  delete out.ip_config;
  return out;
}

export function toWireZone(z: Zone, profile: SledAgentProfile): WireZone {
  const wire: WireZone = {
    id: z.id,
    filesystem_pool: z.filesystemPool,
    zone_type: toAgentZoneType(z.zoneType, profile),
  };
  if (profile === "reconciler") wire.image_source = agentImageSource(z.imageSource);
  return wire;
}

/**
 * The blueprint's `BlueprintZoneImageSource` as the agent's `OmicronZoneImageSource`: an
 * artifact is named by its hash alone (omicron drops the blueprint's `version` on the way to
 * the sled agent); install_dataset, and a source absent before Feb 2025, are install_dataset.
 */
export function agentImageSource(source: unknown): unknown {
  if (source === undefined || source === null) return { type: "install_dataset" };
  if (typeof source !== "object") return source;
  const { type, hash } = source as { type?: unknown; hash?: unknown };
  if (type === "artifact") return { type, hash };
  if (type === "install_dataset") return { type };
  return source;
}

/** The in-service items of a sled config, as the agent would hold them. */
export function inServiceWireItems(sled: SledConfig, profile: SledAgentProfile): WireItems {
  if (sled.state === "decommissioned") return { disks: [], datasets: [], zones: [] };
  return {
    disks: sled.disks.filter((d) => d.disposition === "in_service").map(toWireDisk),
    datasets: sled.datasets.filter((d) => d.disposition === "in_service").map(toWireDataset),
    zones: sled.zones
      .filter((z) => z.disposition === "in_service")
      .map((z) => toWireZone(z, profile)),
  };
}

const byId = <T extends { id: string }>(items: readonly T[]): Record<string, T> => {
  const out = keyedObject<T>();
  for (const item of sortedById(items) ? items : sortById(items)) out[item.id] = item;
  return out;
};

/** A sorted copy (stable: equal ids keep their order). */
export function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  // Items usually come sorted (the model keeps them by id); a stable sort would not move them.
  return sortedById(items) ? items.slice() : [...items].sort((a, b) => cmp(a.id, b.id));
}

function sortedById(items: readonly { id: string }[]): boolean {
  for (let i = 1; i < items.length; i++)
    if ((items[i - 1] as { id: string }).id > (items[i] as { id: string }).id) return false;
  return true;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function disksBody(generation: number, disks: readonly WireDisk[]): DisksConfigBody {
  return { generation, disks: sortById(disks) };
}

export function datasetsBody(
  generation: number,
  datasets: readonly WireDataset[],
): DatasetsConfigBody {
  return { generation, datasets: byId(datasets) };
}

export function zonesBody(generation: number, zones: readonly WireZone[]): ZonesConfigBody {
  return { generation, zones: sortById(zones) };
}

/** Sled-level fields of `OmicronSledConfig` that the blueprint carries (kept in `extra`). */
export interface SledConfigExtras {
  remove_mupdate_override: string | null;
  host_phase_2: unknown;
  measurements: unknown[];
}

const DEFAULT_HOST_PHASE_2 = {
  slot_a: { type: "current_contents" },
  slot_b: { type: "current_contents" },
};

export function sledConfigExtras(sled: SledConfig): SledConfigExtras {
  const rmo = sled.extra.remove_mupdate_override;
  return {
    remove_mupdate_override: typeof rmo === "string" ? rmo : null,
    host_phase_2: sled.extra.host_phase_2 ?? DEFAULT_HOST_PHASE_2,
    // The blueprint's `measurements` ({type: unknown|install_dataset|artifacts}) becomes the
    // agent's list of measurements; only explicit artifacts are listed.
    measurements: blueprintMeasurements(sled.extra.measurements),
  };
}

function blueprintMeasurements(m: unknown): unknown[] {
  if (Array.isArray(m)) return m;
  const rec = typeof m === "object" && m !== null ? (m as Record<string, unknown>) : null;
  return rec?.type === "artifacts" && Array.isArray(rec.artifacts) ? rec.artifacts : [];
}

export function sledConfigBody(
  generation: number,
  items: WireItems,
  extras: SledConfigExtras,
): SledConfigBody {
  return {
    generation,
    disks: byId(items.disks),
    datasets: byId(items.datasets),
    zones: byId(items.zones),
    remove_mupdate_override: extras.remove_mupdate_override,
    host_phase_2: extras.host_phase_2,
    measurements: extras.measurements,
  };
}

/** Parse a config body back into item arrays (sorted). */
export function sledConfigItems(
  body: Pick<SledConfigBody, "disks" | "datasets" | "zones">,
): WireItems {
  return {
    disks: sortById(Object.values(body.disks)),
    datasets: sortById(Object.values(body.datasets)),
    zones: sortById(Object.values(body.zones)),
  };
}
