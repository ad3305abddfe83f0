import { describe, expect, it } from "vitest";
import { omicronJson } from "~/test/omicron-fixtures";
import { toOmicronJson } from "./export";
import { parseBlueprint, parseSledConfig } from "./import";
import type { Blueprint } from "./model";
import { at, blueprintJson, healthySledIds, member } from "./testing/builders";
import { validateBlueprint } from "./validate";

const REAL_SLED_CONFIGS = [
  {
    file: "dogfood-2025-05-01-merged-sled-config.json",
    generation: 5,
    disks: 10,
    datasets: 44,
    zones: 13,
  },
  { file: "real-system-sled-config-v4.json", generation: 351, disks: 10, datasets: 54, zones: 13 },
  {
    file: "real-system-sled-config-v14-converted.json",
    generation: 351,
    disks: 10,
    datasets: 54,
    zones: 13,
  },
] as const;

function parseOk(input: unknown, options = {}): Blueprint {
  const result = parseBlueprint(input, options);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.blueprint;
}

type Json = Record<string, unknown>;

/** The 2025 form of a HEAD document: every sled's items as objects keyed by id. */
function toKeyed(doc: Json): Json {
  const sleds: Json = {};
  for (const [id, sled] of Object.entries(doc.sleds as Record<string, Json>)) {
    const keyed = (items: unknown): Json =>
      Object.fromEntries((items as Json[]).map((i) => [String(i.id), i]));
    sleds[id] = {
      ...sled,
      disks: keyed(sled.disks),
      datasets: keyed(sled.datasets),
      zones: keyed(sled.zones),
    };
  }
  return { ...doc, sleds };
}

describe("real sled configs from omicron", () => {
  for (const c of REAL_SLED_CONFIGS) {
    it(`${c.file} imports as a one-sled blueprint with everything in service and no findings`, () => {
      const result = parseBlueprint(omicronJson(c.file));
      expect(result.ok && result.format).toBe("sled-config");
      const bp = parseOk(omicronJson(c.file));
      expect(bp.sleds).toHaveLength(1);
      const sled = at(bp.sleds, 0);
      expect([sled.generation, sled.disks.length, sled.datasets.length, sled.zones.length]).toEqual(
        [c.generation, c.disks, c.datasets, c.zones],
      );
      const all = [...sled.disks, ...sled.datasets, ...sled.zones];
      expect(all.every((i) => i.disposition === "in_service")).toBe(true);
      expect(validateBlueprint(bp)).toEqual([]);
    });
  }

  it("keeps the items sorted by id", () => {
    const sled = at(parseOk(omicronJson(REAL_SLED_CONFIGS[1].file)).sleds, 0);
    for (const items of [sled.disks, sled.datasets, sled.zones]) {
      const ids = items.map((i) => i.id);
      expect(ids).toEqual([...ids].sort());
    }
  });

  it("brings the agent's zone types to the blueprint shape (nexus external IP, v4 NICs)", () => {
    const sled = at(parseOk(omicronJson("real-system-sled-config-v4.json")).sleds, 0);
    const nexus = sled.zones.find((z) => z.zoneType.type === "nexus");
    expect(nexus?.zoneType).toMatchObject({
      external_ip: { ip: "172.20.26.8" },
      lockstep_port: 12232,
      nexus_generation: 1,
      nic: {
        ip_config: {
          type: "v4",
          value: { ip: "172.30.2.9", subnet: "172.30.2.0/24", transit_ips: [] },
        },
      },
    });
    const dns = sled.zones.find((z) => z.zoneType.type === "external_dns");
    expect(dns?.zoneType.dns_address).toMatchObject({ addr: "172.20.26.2:53" });
    expect(nexus?.imageSource).toMatchObject({
      type: "artifact",
      version: { artifact_version: "unknown" },
    });
  });

  it("gives the v4 ledger and its v14 conversion the same items", () => {
    const v4 = parseOk(omicronJson("real-system-sled-config-v4.json"), {
      sledId: "s",
      blueprintId: "b",
    });
    const v14 = parseOk(omicronJson("real-system-sled-config-v14-converted.json"), {
      sledId: "s",
      blueprintId: "b",
    });
    const items = (bp: Blueprint) => ({ ...bp.sleds[0], extra: {} });
    expect(items(v4)).toEqual(items(v14));
  });
});

describe("sled config ids", () => {
  const input = omicronJson("dogfood-2025-05-01-merged-sled-config.json");

  it("uses the ids given in the options", () => {
    const bp = parseOk(input, { sledId: "sled-1", blueprintId: "bp-1" });
    expect([bp.id, bp.sleds[0]?.id, bp.parentId]).toEqual(["bp-1", "sled-1", null]);
  });

  it("derives stable, content-dependent, uuid-shaped placeholders otherwise", () => {
    const a = parseOk(input);
    const b = parseOk(structuredClone(input));
    expect([a.id, a.sleds[0]?.id]).toEqual([b.id, b.sleds[0]?.id]);
    const other = parseOk(omicronJson("real-system-sled-config-v4.json"));
    expect(other.id).not.toBe(a.id);
    expect(other.sleds[0]?.id).not.toBe(a.sleds[0]?.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("parseSledConfig returns the sled alone", () => {
    const result = parseSledConfig(input, { sledId: "sled-1" });
    expect(result.ok && result.sled.id).toBe("sled-1");
    expect(result.ok && result.sled.state).toBe("active");
  });
});

describe("HEAD and 2025 keyed forms", () => {
  it("give identical models apart from the format", () => {
    const doc = blueprintJson(3);
    const arrays = parseBlueprint(doc);
    const keyed = parseBlueprint(toKeyed(doc));
    expect(arrays.ok && arrays.format).toBe("current");
    expect(keyed.ok && keyed.format).toBe("keyed-2025");
    expect({ ...parseOk(toKeyed(doc)), format: null }).toEqual({ ...parseOk(doc), format: null });
  });

  it("give identical models for a real sled exported and re-keyed", () => {
    const head = toOmicronJson(parseOk(omicronJson("real-system-sled-config-v4.json")));
    expect({ ...parseOk(toKeyed(head)), format: null }).toEqual({ ...parseOk(head), format: null });
  });

  it("sorts sleds and items whatever the input order", () => {
    const doc = blueprintJson(2);
    const sleds = doc.sleds as Record<string, Json>;
    const reversed: Json = {};
    for (const id of Object.keys(sleds).reverse()) {
      const sled = member(sleds, id);
      const rev = (k: string) => [...(sled[k] as unknown[])].reverse();
      reversed[id] = {
        ...sled,
        disks: rev("disks"),
        datasets: rev("datasets"),
        zones: rev("zones"),
      };
    }
    expect(parseOk({ ...doc, sleds: reversed })).toEqual(parseOk(doc));
  });
});

describe("unknown fields", () => {
  it("are kept in extra at every level and written back on export", () => {
    const doc = blueprintJson(1, { future_top: { a: 1 } });
    const ids = healthySledIds(1);
    const sled = member(doc.sleds, ids.sled);
    sled.future_sled = [1, 2];
    const zone = at(sled.zones as Json[], 0);
    zone.future_zone = "z";
    (zone.zone_type as Json).future_zone_type_field = true;
    at(sled.datasets as Json[], 0).future_dataset = null;
    at(sled.disks as Json[], 0).future_disk = 7;

    const bp = parseOk(doc);
    const model = at(bp.sleds, 0);
    expect(bp.extra.future_top).toEqual({ a: 1 });
    expect(model.extra.future_sled).toEqual([1, 2]);
    expect(model.zones.find((z) => z.id === zone.id)?.extra.future_zone).toBe("z");
    expect(model.zones.find((z) => z.id === zone.id)?.zoneType.future_zone_type_field).toBe(true);
    expect(model.datasets.find((d) => d.id === ids.zoneDataset)?.extra.future_dataset).toBeNull();
    expect(model.disks[0]?.extra.future_disk).toBe(7);
    expect(toOmicronJson(bp)).toEqual(doc);
  });
});
