/**
 * Underlay address allocation for a new zone on a sled. omicron keeps
 * `last_allocated_ip_subnet_offset` on the sled config and never reuses an address of any
 * zone on the sled, whatever its disposition
 * (blueprint_editor/sled_editor/underlay_ip_allocator.rs). The sled's `subnet` and that
 * offset live in `SledConfig.extra` as omicron serialises them; a sled imported without
 * them (older forms) gets its /64 from its existing zones. Internal DNS zones are left out:
 * their addresses live in the reserved DNS subnets, not in the sled's /64
 * (common/src/address.rs `DnsSubnet`).
 */
import type { SledConfig, Zone } from "../blueprint/model";
import { zoneUnderlayIp } from "../diff/cells";
import { interfaceOffset, parseIpv6, sameSlash64, withOffset } from "./ipv6";

/**
 * "The lowest 32 IPs are reserved for special zones (global zone, switch zone) and rack
 * setup" (doc of `last_allocated_ip_subnet_offset` in nexus-lockstep-openapi).
 */
const FIRST_ALLOCATABLE_OFFSET = 32;

export interface UnderlayAllocation {
  ip: string;
  /** The sled's `extra` with the new last-allocated offset recorded. */
  extra: Record<string, unknown>;
}

function sledAddresses(zones: readonly Zone[]): number[][] {
  return zones.flatMap((zone) => {
    const ip = zone.zoneType.type === "internal_dns" ? null : zoneUnderlayIp(zone.zoneType);
    const groups = ip === null ? null : parseIpv6(ip);
    return groups ? [groups] : [];
  });
}

function subnetPrefix(sled: SledConfig, addresses: readonly number[][]): number[] | null {
  const subnet = sled.extra.subnet;
  // `extra` is untyped JSON; `net` is read as unknown and checked below.
  const net =
    typeof subnet === "object" && subnet !== null ? (subnet as { net?: unknown }).net : undefined;
  if (typeof net === "string") return parseIpv6(net.split("/")[0] ?? "");
  return addresses[0] ?? null;
}

export function allocateUnderlayIp(sled: SledConfig): UnderlayAllocation | string {
  const addresses = sledAddresses(sled.zones);
  const prefix = subnetPrefix(sled, addresses);
  if (!prefix) return `sled ${sled.id} has no subnet and no zones to take one from; pass an ip`;
  const recorded = sled.extra.last_allocated_ip_subnet_offset;
  const used = addresses.flatMap((groups) => {
    const offset = sameSlash64(groups, prefix) ? interfaceOffset(groups) : null;
    return offset === null ? [] : [offset];
  });
  const floor =
    typeof recorded === "number" ? recorded : used.length ? 0 : FIRST_ALLOCATABLE_OFFSET;
  const next = Math.max(floor, ...used) + 1;
  // The offset is a u16 in omicron; running out is a planning error there too.
  if (next > 0xffff) return `sled ${sled.id} has run out of underlay addresses`;
  return {
    ip: withOffset(prefix, next),
    extra: { ...sled.extra, last_allocated_ip_subnet_offset: next },
  };
}
