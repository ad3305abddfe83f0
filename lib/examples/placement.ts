/**
 * Where the example rack's zones go. Every sled gets the dogfood sled's storage layout (ten
 * disks, a crucible zone per disk) and one NTP zone; the rack's control-plane zones are
 * spread over the sleds, at most one of a kind per sled, the way RSS spreads them
 * (sled-agent/src/rack_setup/plan/service.rs). Each zone type sits on a fixed disk of the
 * sled so that no two durable datasets of one kind share a pool.
 */
import type { Edit } from "../edits/types";
import type { SeededRandom } from "../edits/ids";
import { zpoolName } from "../blueprint/zones";
import {
  BOUNDARY_NTP_SLEDS,
  CONTROL_PLANE_ZONES,
  DISKS_PER_SLED,
  DOGFOOD_DISK,
  DOGFOOD_SERIAL_PREFIX,
  DOGFOOD_ZONE_DISKS,
  UNDERLAY_PREFIX,
} from "./template";

/** Disk index per control-plane zone type; pantry, cockroach and NTP as on the dogfood sled. */
const DISK_FOR_TYPE: Readonly<Record<string, number>> = {
  ...DOGFOOD_ZONE_DISKS,
  boundary_ntp: DOGFOOD_ZONE_DISKS.internal_ntp,
  nexus: 1,
  internal_dns: 2,
  external_dns: 3,
  clickhouse: 4,
  oximeter: 5,
};

export interface SledPlan {
  sledId: string;
  index: number;
  /** Control-plane zone types placed on this sled, in CONTROL_PLANE_ZONES order. */
  controlPlane: string[];
  boundaryNtp: boolean;
  /** For an internal DNS zone: which of the reserved DNS subnets it serves (0-based). */
  dnsSubnetIndex: number | null;
}

/** Spreads `count` zones evenly over `sleds`, starting at a seeded offset. */
function spread(count: number, sleds: number, offset: number): number[] {
  const used = Math.min(count, sleds);
  return Array.from({ length: used }, (_, k) => (offset + Math.floor((k * sleds) / used)) % sleds);
}

export function planSleds(sledIds: readonly string[], random: SeededRandom): SledPlan[] {
  const n = sledIds.length;
  const plans: SledPlan[] = sledIds.map((sledId, index) => ({
    sledId,
    index,
    controlPlane: [],
    boundaryNtp: false,
    dnsSubnetIndex: null,
  }));
  for (const [type, count] of CONTROL_PLANE_ZONES) {
    spread(count, n, random.int(n)).forEach((sledIndex, k) => {
      const plan = plans[sledIndex];
      if (!plan) return;
      plan.controlPlane.push(type);
      if (type === "internal_dns") plan.dnsSubnetIndex = k;
    });
  }
  for (const sledIndex of spread(BOUNDARY_NTP_SLEDS, n, random.int(n))) {
    const plan = plans[sledIndex];
    if (plan) plan.boundaryNtp = true;
  }
  return plans;
}

/** The rack's sled subnets: fd00:1122:3344:101::/64, :102::/64, … (one /64 per sled). */
export function sledSubnet(index: number): string {
  return `${UNDERLAY_PREFIX}:${(0x101 + index).toString(16)}::/64`;
}

/** Internal DNS lives in the reserved DNS subnets fd00:1122:3344:1::/64 … (common/src/address.rs). */
function dnsAddress(dnsIndex: number): string {
  return `${UNDERLAY_PREFIX}:${dnsIndex + 1}::1`;
}

/** The edits that populate one empty sled; pool ids are drawn from `nextId` up front. */
export function sledEdits(plan: SledPlan, nextId: () => string): Edit[] {
  const pools = Array.from({ length: DISKS_PER_SLED }, () => nextId());
  const pool = (type: string): string => zpoolName(pools[DISK_FOR_TYPE[type] ?? 0] ?? "");
  const edits: Edit[] = pools.map((poolId, d) => {
    const serial = `${DOGFOOD_SERIAL_PREFIX}${(plan.index * DISKS_PER_SLED + d).toString(16).toUpperCase().padStart(6, "0")}`;
    return {
      kind: "add-disk",
      sledId: plan.sledId,
      disk: { poolId, identity: { ...DOGFOOD_DISK, serial } },
    };
  });
  const ntp = plan.boundaryNtp ? "boundary_ntp" : "internal_ntp";
  edits.push({ kind: "add-zone", sledId: plan.sledId, zoneType: ntp, pool: pool(ntp) });
  for (const type of plan.controlPlane) {
    const ip =
      type === "internal_dns" && plan.dnsSubnetIndex !== null
        ? dnsAddress(plan.dnsSubnetIndex)
        : undefined;
    edits.push({ kind: "add-zone", sledId: plan.sledId, zoneType: type, pool: pool(type), ip });
  }
  for (const poolId of pools) {
    edits.push({
      kind: "add-zone",
      sledId: plan.sledId,
      zoneType: "crucible",
      pool: zpoolName(poolId),
    });
  }
  return edits;
}
