/**
 * A sled's underlay /64 and last allocated address offset, derived from its zones' underlay
 * addresses. HEAD blueprints carry both (`BlueprintSledConfig.subnet`,
 * `last_allocated_ip_subnet_offset`); January-2025 blueprints and sled configs do not, and
 * export must fill them. Omicron gives each sled one /64 and allocates zone addresses inside
 * it by incrementing the offset (nexus/types/src/deployment.rs), so the zones tell us both.
 *
 * Internal DNS zones are skipped: their `dns_address`/`http_address` live in the reserved DNS
 * subnets (`fd00:1122:3344:1::/64`, …; common/src/address.rs), not in the sled's /64.
 */
import type { Zone } from "./model";

/** Where the underlay address sits in each zone type (`BlueprintZoneType::underlay_ip`). */
const UNDERLAY_FIELD_BY_TYPE: Readonly<Record<string, string>> = {
  nexus: "internal_address",
  external_dns: "http_address",
};

/** The lowest 32 addresses of a sled subnet are reserved (see the field's doc in omicron). */
export const FIRST_ALLOCATABLE_OFFSET = 32;

/** Used when no zone reveals the subnet; omicron's own test blueprints use `::1` → `::/64`. */
export const UNKNOWN_SLED_SUBNET = "::/64";

/** `[fd00:1122:3344:103::5]:32345` or a bare IPv6 address → its eight 16-bit groups. */
export function ipv6Groups(address: string): number[] | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  const ip = (bracketed ? bracketed[1] : address) ?? "";
  if (!/^[0-9a-fA-F:]+$/.test(ip)) return null;
  const halves = ip.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string): number[] => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const head = parse(halves[0] ?? "");
  const tail = halves.length === 2 ? parse(halves[1] ?? "") : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null;
  const groups = [...head, ...Array<number>(fill).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function underlayGroups(zone: Zone): number[] | null {
  if (zone.zoneType.type === "internal_dns") return null;
  const value = zone.zoneType[UNDERLAY_FIELD_BY_TYPE[zone.zoneType.type] ?? "address"];
  return typeof value === "string" ? ipv6Groups(value) : null;
}

export interface SledSubnet {
  /** e.g. `fd00:1122:3344:103::/64` */
  net: string;
  lastAllocatedOffset: number;
}

/** The /64 most zones live in (ties: the smallest), and the highest offset used in it. */
export function deriveSledSubnet(zones: readonly Zone[]): SledSubnet {
  const byPrefix = new Map<string, number[][]>();
  for (const zone of zones) {
    const groups = underlayGroups(zone);
    if (!groups) continue;
    const prefix = groups
      .slice(0, 4)
      .map((g) => g.toString(16))
      .join(":");
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), groups]);
  }
  const ranked = [...byPrefix.entries()].sort(
    (a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1),
  );
  const best = ranked[0];
  if (!best) return { net: UNKNOWN_SLED_SUBNET, lastAllocatedOffset: FIRST_ALLOCATABLE_OFFSET };
  let offset = FIRST_ALLOCATABLE_OFFSET;
  for (const g of best[1]) {
    // The offset is a u16 into the /64; only addresses of the form <prefix>::<n> count.
    if (g[4] === 0 && g[5] === 0 && g[6] === 0) offset = Math.max(offset, g[7] ?? 0);
  }
  return { net: `${best[0]}::/64`, lastAllocatedOffset: offset };
}
