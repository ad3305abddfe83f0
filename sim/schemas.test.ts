/**
 * lib/wire/schemas.ts against real omicron data (../shared/omicron): the dogfood sled's
 * ledgers (May 2025, the split endpoints' bodies) and a real system's v14 sled config (the
 * `PUT /omicron-config` body) parse; unknown fields are dropped as serde drops them; wrong
 * types are refused with a path.
 */
import { describe, expect, it } from "vitest";
import {
  datasetsConfigSchema,
  describeIssues,
  disksConfigSchema,
  sledConfigSchema,
  zonesConfigSchema,
} from "../lib/wire/schemas";
import { makeMixedChange } from "../lib/examples/mixed-change";
import { makeExampleRack } from "../lib/examples/rack";
import { makePlan } from "../lib/plan/make-plan";
import { requestSteps } from "../lib/plan/types";
import { omicronJson } from "../test/omicron-fixtures";
import { specErrors } from "./test-support/openapi";

type Json = Record<string, unknown>;
const fixture = (name: string) => omicronJson<Json>(name);
const zonesLedger = () =>
  fixture("dogfood-2025-05-01-ledger-omicron-zones.json") as {
    omicron_generation: number;
    zones: { zone: Json }[];
  };
const v14 = () => fixture("real-system-sled-config-v14-converted.json");

describe("real omicron bodies parse", () => {
  it("the dogfood sled's split ledgers (as request bodies)", () => {
    const disks = disksConfigSchema.parse(
      fixture("dogfood-2025-05-01-ledger-omicron-physical-disks.json"),
    );
    expect(disks.disks.length).toBeGreaterThan(5);
    const datasets = datasetsConfigSchema.parse(
      fixture("dogfood-2025-05-01-ledger-omicron-datasets.json"),
    );
    expect(Object.keys(datasets.datasets).length).toBeGreaterThan(20);
    const ledger = zonesLedger();
    const zones = zonesConfigSchema.parse({
      generation: ledger.omicron_generation,
      zones: ledger.zones.map((z) => z.zone),
    });
    expect(zones.zones.length).toBe(ledger.zones.length);
    expect(zones.zones.every((z) => !("image_source" in z))).toBe(true); // unknown to a January-2025 agent
  });

  it("a real v14 sled config (the PUT /omicron-config body), and it is what v48 specifies", () => {
    const body = v14();
    expect(specErrors("v48", "OmicronSledConfig", body)).toEqual([]);
    const parsed = sledConfigSchema.parse(body);
    expect(Object.keys(parsed.zones)).toEqual(Object.keys(body.zones as Json));
    expect(parsed.host_phase_2).toEqual(body.host_phase_2);
  });
});

describe("the planner's bodies", () => {
  it("parse to themselves, so an agent ledgers exactly what the plan sent", () => {
    const parent = makeExampleRack({ sleds: 3, seed: "identity" });
    const change = makeMixedChange(parent, "identity");
    if (!change.ok) throw new Error(change.error);
    const schemas = {
      disks: disksConfigSchema,
      datasets: datasetsConfigSchema,
      zones: zonesConfigSchema,
      config: sledConfigSchema,
    };
    for (const profile of ["split", "reconciler"] as const) {
      for (const order of ["safe", "phased"] as const) {
        for (const step of requestSteps(makePlan(parent, change.blueprint, { profile, order }))) {
          expect(schemas[step.endpoint].parse(step.body), step.id).toEqual(step.body);
        }
      }
    }
  });
});

describe("lenient on unknown fields, strict on types", () => {
  it("drops unknown fields and fills serde defaults", () => {
    const body = v14();
    const zones = body.zones as Record<string, Json>;
    const [id, zone] = Object.entries(zones)[0] ?? [];
    if (!id || !zone) throw new Error("no zone");
    const bare = { ...zone, future_field: 1 } as Json;
    delete bare.image_source;
    delete bare.filesystem_pool;
    const parsed = sledConfigSchema.parse({
      ...body,
      zones: { [id]: bare },
      datasets: {},
      something_new: true,
      host_phase_2: undefined,
      remove_mupdate_override: undefined,
    });
    expect(parsed).not.toHaveProperty("something_new");
    expect(parsed.zones[id]).not.toHaveProperty("future_field");
    expect(parsed.zones[id]?.image_source).toEqual({ type: "install_dataset" });
    expect(parsed.zones[id]?.filesystem_pool).toBeNull();
    expect(parsed.host_phase_2).toEqual({
      slot_a: { type: "current_contents" },
      slot_b: { type: "current_contents" },
    });
    expect(parsed.remove_mupdate_override).toBeNull();
  });

  const bad: [string, (b: Json) => Json, RegExp][] = [
    ["a generation that is a string", (b) => ({ ...b, generation: "3" }), /^generation: /],
    ["a missing measurements list", (b) => ({ ...b, measurements: undefined }), /^measurements: /],
    [
      "a pool id that is not a uuid",
      (b) => ({ ...b, disks: mapFirst(b.disks, (d) => ({ ...d, pool_id: "pool-1" })) }),
      /pool_id: Expected a uuid/,
    ],
    [
      "a dataset keyed by another id",
      (b) => ({ ...b, datasets: rekeyFirst(b.datasets) }),
      /id .* differs from its key/,
    ],
    [
      "an unknown compression",
      (b) => ({
        ...b,
        datasets: mapFirst(b.datasets, (d) => ({ ...d, compression: { type: "brotli" } })),
      }),
      /compression/,
    ],
    [
      "an unknown zone type",
      (b) => ({
        ...b,
        zones: mapFirst(b.zones, (z) => ({ ...z, zone_type: { type: "warp_drive" } })),
      }),
      /zone_type\.type: Expected a zone type/,
    ],
    [
      "a crucible zone without its dataset",
      (b) => ({
        ...b,
        zones: mapFirst(b.zones, (z) => ({
          ...z,
          zone_type: { type: "crucible", address: "[::1]:1" },
        })),
      }),
      /zone_type\.dataset: missing field/,
    ],
    [
      "a January-2025 NIC in a v48 body",
      (b) => ({ ...b, zones: withOldNic(b.zones) }),
      /nic\.ip_config/,
    ],
  ];
  it.each(bad)("refuses %s", (_what, mutate, message) => {
    const r = sledConfigSchema.safeParse(mutate(v14()));
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toMatch(message);
  });
});

function mapFirst(map: unknown, f: (v: Json) => Json): Json {
  const entries = Object.entries(map as Record<string, Json>); // a JSON fixture
  return Object.fromEntries(entries.map(([k, v], i) => [k, i === 0 ? f(v) : v]));
}

function rekeyFirst(map: unknown): Json {
  const entries = Object.entries(map as Record<string, Json>); // a JSON fixture
  return Object.fromEntries(
    entries.map(([k, v], i) => [i === 0 ? "0b1e8a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b" : k, v]),
  );
}

function withOldNic(zones: unknown): Json {
  const entries = Object.entries(zones as Record<string, Json>); // a JSON fixture
  return Object.fromEntries(
    entries.map(([k, z]) => {
      const zt = z.zone_type as Json;
      if (!zt.nic) return [k, z];
      const nic: Json = { ...(zt.nic as Json), ip: "172.30.2.9", subnet: "172.30.2.0/24" };
      delete nic.ip_config;
      return [k, { ...z, zone_type: { ...zt, nic } }];
    }),
  );
}
