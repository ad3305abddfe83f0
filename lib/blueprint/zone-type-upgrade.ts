/**
 * Brings a zone's `zone_type` and `image_source` from older or sled-agent shapes to omicron
 * HEAD's `BlueprintZoneType` / `BlueprintZoneImageSource`, so the model has one shape and a
 * diff between a January-2025 parent and a HEAD child shows no phantom changes. Each rewrite
 * only fires on the old shape, so it is idempotent; unknown fields pass through untouched.
 *
 * The inverse (blueprint → agent) lives in lib/wire/bodies.ts `toAgentZoneType`, mirroring
 * omicron `impl From<BlueprintZoneType> for OmicronZoneType`
 * (nexus/types/src/deployment/zone_type.rs).
 */
import type { ZoneType } from "./model";
import { placeholderUuid } from "./placeholder-id";

/** omicron `NEXUS_LOCKSTEP_PORT` (common/src/address.rs); the real v4 sled config uses it. */
export const NEXUS_LOCKSTEP_PORT = 12232;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A NIC from before `ip_config` (sled-agent API < v14, January-2025 blueprints):
 * `{ip, subnet, transit_ips?}` becomes `{ip_config: {type: v4|v6, value: {ip, subnet,
 * transit_ips}}}`, the conversion omicron applied to the v4 ledger
 * (sled-agent/config-reconciler/expectorate/v14-sled-config.json).
 */
export function upgradeNic(nic: unknown): unknown {
  if (!isObject(nic) || "ip_config" in nic || typeof nic.ip !== "string") return nic;
  const { ip, subnet, transit_ips, ...rest } = nic;
  const family = ip.includes(":") ? "v6" : "v4";
  return {
    ...rest,
    ip_config: { type: family, value: { ip, subnet, transit_ips: transit_ips ?? [] } },
  };
}

/**
 * The sled agent's `OmicronZoneType` drops the external-IP ids the blueprint records; we
 * restore the blueprint shape with ids derived from the zone id. `nexus_generation` (RFD 588)
 * and `lockstep_port` did not exist before late 2025; omicron's defaults are 1 and 12232.
 */
export function upgradeZoneType(zoneId: string, zt: ZoneType): ZoneType {
  const out: ZoneType = { ...zt };
  const ipId = (): string => placeholderUuid("external-ip", zoneId);
  if ("nic" in out) out.nic = upgradeNic(out.nic);
  switch (zt.type) {
    case "boundary_ntp":
      if (out.external_ip === undefined && isObject(out.snat_cfg)) {
        out.external_ip = { id: ipId(), snat_cfg: out.snat_cfg };
        delete out.snat_cfg;
      }
      break;
    case "external_dns":
      if (typeof out.dns_address === "string")
        out.dns_address = { id: ipId(), addr: out.dns_address };
      break;
    case "nexus":
      if (typeof out.external_ip === "string")
        out.external_ip = { id: ipId(), ip: out.external_ip };
      if (out.lockstep_port === undefined) out.lockstep_port = NEXUS_LOCKSTEP_PORT;
      if (out.nexus_generation === undefined) out.nexus_generation = 1;
      break;
  }
  return out;
}

/**
 * The agent's artifact image source is `{type: "artifact", hash}`; the blueprint's also names
 * the artifact version, which the agent does not know: omicron's "could not be determined"
 * variant `{artifact_version: "unknown"}` (`BlueprintArtifactVersion::Unknown`).
 */
export function upgradeArtifactSource(source: unknown): unknown {
  if (!isObject(source) || source.type !== "artifact" || "version" in source) return source;
  return { ...source, version: { artifact_version: "unknown" } };
}
