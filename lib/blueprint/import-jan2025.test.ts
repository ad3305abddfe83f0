import { describe, expect, it } from "vitest";
import { omicronJson } from "~/test/omicron-fixtures";
import { toOmicronJson } from "./export";
import { parseBlueprint } from "./import";
import type { Blueprint } from "./model";
import { QUIESCED_EXTRA_KEY } from "./normalize";
import { member } from "./testing/builders";
import { JAN_GENERATIONS, jan2025DocFromSledConfig } from "./testing/builders-jan2025";
import { validateBlueprint } from "./validate";

const jan = jan2025DocFromSledConfig(omicronJson("real-system-sled-config-v4.json"));

function parseOk(input: unknown): Blueprint {
  const result = parseBlueprint(input);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.blueprint;
}

describe("January-2025 blueprints", () => {
  const bp = parseOk(jan.doc);
  const sled = bp.sleds.find((s) => s.id === jan.sledId);

  it("are recognised and keep the top-level metadata", () => {
    const result = parseBlueprint(jan.doc);
    expect(result.ok && result.format).toBe("jan-2025");
    expect(bp.parentId).toBe(jan.doc.parent_blueprint_id);
    expect(bp.extra).toMatchObject({ internal_dns_version: 3, external_dns_version: 2 });
    expect(bp.extra).not.toHaveProperty("blueprint_zones");
  });

  it("keep unknown fields of the per-endpoint configs on the sled", () => {
    const doc = structuredClone(jan.doc);
    member(doc.blueprint_zones, jan.sledId).future_zones_field = "kept";
    const again = parseOk(doc).sleds.find((s) => s.id === jan.sledId);
    expect(again?.extra).toEqual({ future_zones_field: "kept" });
  });

  it("keep the per-endpoint generations and use the largest as the sled generation", () => {
    expect(sled?.splitGenerations).toEqual(JAN_GENERATIONS);
    expect(sled?.generation).toBe(JAN_GENERATIONS.zones);
  });

  it("read a quiesced zone as in service, remember it, and warn", () => {
    const zone = sled?.zones.find((z) => z.id === jan.quiescedZoneId);
    expect(zone?.disposition).toBe("in_service");
    expect(zone?.extra[QUIESCED_EXTRA_KEY]).toBe("quiesced");
    const findings = validateBlueprint(bp);
    expect(findings.map((f) => [f.code, f.severity, f.items])).toEqual([
      ["zone-was-quiesced", "warning", [{ kind: "zone", id: jan.quiescedZoneId }]],
    ]);
  });

  it("infer a missing filesystem_pool from the zone's root dataset", () => {
    const zone = sled?.zones.find((z) => z.id === jan.poolessZoneId);
    const durablePool = zone?.zoneType.dataset?.pool_name;
    expect(zone?.filesystemPool).toBe(durablePool);
  });

  it("treat a sled missing from sled_state as decommissioned, with its expunged zone", () => {
    const gone = bp.sleds.find((s) => s.id === jan.goneSledId);
    expect(gone?.state).toBe("decommissioned");
    expect(gone?.zones.map((z) => z.disposition)).toEqual(["expunged"]);
    expect(gone?.splitGenerations).toEqual({ disks: 1, datasets: 1, zones: 7 });
  });

  it("upgrade the old NIC and add omicron's defaults for fields that came later", () => {
    const nexus = sled?.zones.find((z) => z.zoneType.type === "nexus");
    expect(nexus?.zoneType).toMatchObject({
      lockstep_port: 12232,
      nexus_generation: 1,
      nic: { ip_config: { type: "v4" } },
    });
    expect(nexus?.zoneType.nic).not.toHaveProperty("ip");
    expect(nexus?.imageSource).toBeUndefined();
  });

  it("export with tagged dispositions and one generation per sled", () => {
    const head = toOmicronJson(bp);
    const sleds = head.sleds as Record<string, Record<string, unknown>>;
    expect(sleds[jan.sledId]?.sled_agent_generation).toBe(JAN_GENERATIONS.zones);
    const gone = sleds[jan.goneSledId]?.zones as { disposition: unknown; image_source: unknown }[];
    expect(gone[0]?.disposition).toEqual({
      kind: "expunged",
      as_of_generation: 7,
      ready_for_cleanup: false,
    });
    expect(gone[0]?.image_source).toEqual({ type: "install_dataset" });
  });
});
