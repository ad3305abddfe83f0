/**
 * The sled agent's `OmicronZoneType` as a request schema, per API era: the tag, the typed
 * fields both specs give, the required fields per zone type, and the era's NIC. Part of
 * schemas.ts (see there for the leniency rules); the specs are
 * ../shared/omicron/sled-agent-openapi-2025-01-06-split-endpoints.json and
 * ../shared/omicron/sled-agent-openapi-v48-latest.json.
 */
import { z } from "zod";
import type { WireZone } from "./types";

/**
 * An id in omicron's own formats (sled-agent bodies, Nexus answers): uuid-shaped, its version
 * not checked, as permissive as omicron's readers. The console's API takes RFC 9562 uuids
 * only (server/dto/id.ts).
 */
export const uuid = z.guid({ error: "Expected a uuid." });

/** The spec's pattern asks for a v4 uuid; omicron's parser takes any version, and so do we. */
export const zpoolName = z
  .string()
  .regex(/^ox[ip]_[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/, {
    error: "Expected a zpool name of the form oxp_<uuid>.",
  });

/** `NetworkInterface`: one address in January 2025, `ip_config` (v4, v6 or dual stack) since v14. */
const nicCommon = {
  id: uuid,
  kind: z.object({ type: z.enum(["instance", "service", "probe"]), id: uuid }),
  name: z.string(),
  mac: z.string(),
  primary: z.boolean(),
  slot: z.int().min(0).max(255),
  vni: z.int().min(0),
};
const splitNic = z.object({
  ...nicCommon,
  ip: z.string(),
  subnet: z.string(),
  transit_ips: z.array(z.string()).default([]),
});
const v48Nic = z.object({
  ...nicCommon,
  ip_config: z.object({ type: z.enum(["v4", "v6", "dual_stack"]), value: z.looseObject({}) }),
});

/**
 * `OmicronZoneType` fields with the types the specs give them. `snat_cfg` is checked as an
 * object only; the simulator does not interpret it.
 */
const ZONE_FIELD: Record<string, z.ZodType> = {
  address: z.string(),
  dataset: z.object({ pool_name: zpoolName }),
  dns_servers: z.array(z.string()),
  domain: z.string().nullable(),
  ntp_servers: z.array(z.string()),
  snat_cfg: z.looseObject({ ip: z.string(), first_port: z.int(), last_port: z.int() }),
  dns_address: z.string(),
  http_address: z.string(),
  gz_address: z.string(),
  gz_address_index: z.int().min(0),
  external_dns_servers: z.array(z.string()),
  external_ip: z.string(),
  external_tls: z.boolean(),
  internal_address: z.string(),
  lockstep_port: z.int().min(0).max(65535),
};

/** Required fields per zone type (identical in the January-2025 and v48 specs). */
const ZONE_REQUIRED: Record<string, readonly string[]> = {
  boundary_ntp: ["address", "dns_servers", "nic", "ntp_servers", "snat_cfg"],
  clickhouse: ["address", "dataset"],
  clickhouse_keeper: ["address", "dataset"],
  clickhouse_server: ["address", "dataset"],
  cockroach_db: ["address", "dataset"],
  crucible: ["address", "dataset"],
  crucible_pantry: ["address"],
  external_dns: ["dataset", "dns_address", "http_address", "nic"],
  internal_dns: ["dataset", "dns_address", "gz_address", "gz_address_index", "http_address"],
  internal_ntp: ["address"],
  nexus: ["external_dns_servers", "external_ip", "external_tls", "internal_address", "nic"],
  oximeter: ["address"],
};

// z.enum wants a non-empty tuple; the table above is one
const ZONE_TYPES = Object.keys(ZONE_REQUIRED) as [string, ...string[]];

/**
 * Each variant's own fields are kept as sent, so a zone type is a loose object: the tag, the
 * typed fields above, the era's NIC, and the per-type required fields.
 */
function zoneTypeSchema(nic: z.ZodType) {
  return z
    .looseObject({
      type: z.enum(ZONE_TYPES, { error: `Expected a zone type: ${ZONE_TYPES.join(", ")}.` }),
      ...Object.fromEntries(Object.entries(ZONE_FIELD).map(([k, s]) => [k, s.optional()])),
      nic: nic.optional(),
    })
    .superRefine((zt, ctx) => {
      for (const field of ZONE_REQUIRED[zt.type] ?? []) {
        if (zt[field] === undefined)
          ctx.addIssue({ code: "custom", path: [field], message: `missing field \`${field}\`` });
      }
    })
    .transform((zt) => zt as WireZone["zone_type"]); // the tag and `dataset` were checked above
}

export const splitZoneTypeSchema = zoneTypeSchema(splitNic);
export const v48ZoneTypeSchema = zoneTypeSchema(v48Nic);
