/**
 * Builds a `zone_type` for a new zone with the fields omicron's schema requires
 * (nexus/types/src/deployment/zone_type.rs; `BlueprintZoneType` in
 * nexus-lockstep-openapi). Ports are omicron's (common/src/address.rs); the OPTE subnets and
 * MAC prefix match what RSS hands to services (`NEXUS_OPTE_IPV4_SUBNET` and friends), and
 * external addresses come from TEST-NET-1 so generated racks never look like a real site.
 */
import type { ZoneType, ZpoolName } from "../blueprint/model";
import { KNOWN_ZONE_TYPES } from "../blueprint/zones";

const PORT = {
  crucible: 32345,
  cockroach: 32221,
  clickhouseHttp: 8123,
  clickhouseKeeper: 9181,
  pantry: 17000,
  ntp: 123,
  oximeter: 12223,
  dnsHttp: 5353,
  dns: 53,
  nexusInternal: 12221,
  nexusLockstep: 12232,
} as const;

const SERVICES_VNI = 100;
const UPSTREAM_DNS = ["1.1.1.1", "9.9.9.9"];

export interface ZoneTypeContext {
  zoneId: string;
  /** Underlay address (for internal DNS, its DNS-subnet address). */
  ip: string;
  pool: ZpoolName;
  /** Distinguishes this zone's external IP, NIC address and MAC from other services'. */
  serviceIndex: number;
  nextId: () => string;
}

function nic(
  ctx: ZoneTypeContext,
  namePrefix: string,
  subnetOctet: number,
): Record<string, unknown> {
  const host = 5 + (ctx.serviceIndex % 250);
  const mac = (0xf000 + (ctx.serviceIndex % 0x1000)).toString(16).toUpperCase();
  return {
    id: ctx.nextId(),
    kind: { type: "service", id: ctx.zoneId },
    name: `${namePrefix}-${ctx.zoneId}`,
    ip_config: {
      type: "v4",
      value: {
        ip: `172.30.${subnetOctet}.${host}`,
        subnet: `172.30.${subnetOctet}.0/24`,
        transit_ips: [],
      },
    },
    mac: `A8:40:25:FF:${mac.slice(0, 2)}:${mac.slice(2, 4)}`,
    vni: SERVICES_VNI,
    primary: true,
    slot: 0,
  };
}

function externalIp(ctx: ZoneTypeContext): string {
  return `192.0.2.${1 + (ctx.serviceIndex % 254)}`;
}

type Builder = (ctx: ZoneTypeContext, at: (port: number) => string) => Omit<ZoneType, "type">;

const durable =
  (port: number): Builder =>
  (ctx, at) => ({ address: at(port), dataset: { pool_name: ctx.pool } });
const plain =
  (port: number): Builder =>
  (_ctx, at) => ({ address: at(port) });

const BUILDERS: Readonly<Record<string, Builder>> = {
  crucible: durable(PORT.crucible),
  cockroach_db: durable(PORT.cockroach),
  clickhouse: durable(PORT.clickhouseHttp),
  clickhouse_keeper: durable(PORT.clickhouseKeeper),
  clickhouse_server: durable(PORT.clickhouseHttp),
  crucible_pantry: plain(PORT.pantry),
  internal_ntp: plain(PORT.ntp),
  oximeter: plain(PORT.oximeter),
  boundary_ntp: (ctx, at) => ({
    address: at(PORT.ntp),
    ntp_servers: ["ntp.example.com"],
    dns_servers: UPSTREAM_DNS,
    domain: null,
    nic: nic(ctx, "ntp", 3),
    external_ip: {
      id: ctx.nextId(),
      snat_cfg: { ip: externalIp(ctx), first_port: 0, last_port: 16383 },
    },
  }),
  external_dns: (ctx, at) => ({
    dataset: { pool_name: ctx.pool },
    http_address: at(PORT.dnsHttp),
    dns_address: { id: ctx.nextId(), addr: `${externalIp(ctx)}:${PORT.dns}` },
    nic: nic(ctx, "external-dns", 1),
  }),
  internal_dns: (ctx, at) => ({
    dataset: { pool_name: ctx.pool },
    http_address: at(PORT.dnsHttp),
    dns_address: at(PORT.dns),
    gz_address: ctx.ip,
    gz_address_index: 0,
  }),
  nexus: (ctx, at) => ({
    internal_address: at(PORT.nexusInternal),
    lockstep_port: PORT.nexusLockstep,
    external_ip: { id: ctx.nextId(), ip: externalIp(ctx) },
    nic: nic(ctx, "nexus", 2),
    external_tls: true,
    external_dns_servers: UPSTREAM_DNS,
    nexus_generation: 1,
  }),
};

export function isKnownZoneType(type: string): boolean {
  return KNOWN_ZONE_TYPES.includes(type) && type in BUILDERS;
}

/** A zone_type for `type`, or an error message for a type omicron does not have. */
export function makeZoneType(type: string, ctx: ZoneTypeContext): ZoneType | string {
  const build = BUILDERS[type];
  if (!build) return `unknown zone type ${type}; expected one of ${KNOWN_ZONE_TYPES.join(", ")}`;
  return { type, ...build(ctx, (port) => `[${ctx.ip}]:${port}`) };
}
