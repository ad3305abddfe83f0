import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { changedItems, diffBlueprints } from "../diff/diff-blueprints";
import { briefParent, deepFreeze, POOL, SLED_ID, ZONE_ID } from "../diff/testing/brief-example";
import { addDisk, addZone, applyEdits, expungeZone } from "./apply";
import { createIdGenerator } from "./ids";
import type { EditResult } from "./types";

function ok(result: EditResult): Blueprint {
  if (!result.ok) throw new Error(result.error);
  return result.blueprint;
}

const parent = deepFreeze(structuredClone(briefParent));
const NEW_POOL_ID = "0c5f2f8a-7d34-4b1f-9a57-000000000002";
const NEW_POOL = `oxp_${NEW_POOL_ID}`;

describe("addDisk", () => {
  it("adds the disk with its zone root and debug datasets, like omicron's ensure_disk", () => {
    const child = ok(
      addDisk(parent, SLED_ID, { id: "disk-2", poolId: NEW_POOL_ID }, { blueprintId: "child" }),
    );
    const sled = child.sleds[0];
    expect(sled?.generation).toBe(3);
    expect(sled?.disks.find((d) => d.id === "disk-2")).toMatchObject({
      poolId: NEW_POOL_ID,
      disposition: "in_service",
      identity: { vendor: "1b96", model: "WUS4C6432DSP3X3", serial: `serial-${NEW_POOL_ID}` },
    });
    const added = sled?.datasets
      .filter((d) => d.pool === NEW_POOL)
      .map(({ kind, quota, compression }) => ({ kind, quota, compression }));
    expect(added?.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "debug", quota: 107374182400, compression: { type: "gzip_n", level: 9 } },
      { kind: "zone", quota: null, compression: { type: "off" } },
    ]);
    expect(changedItems(diffBlueprints(parent, child)).map((c) => `${c.status} ${c.kind}`)).toEqual(
      ["added disk", "added dataset", "added dataset"],
    );
  });

  it("refuses a pool that already has a disk and a taken id", () => {
    const poolId = POOL.replace("oxp_", "");
    expect(addDisk(parent, SLED_ID, { poolId })).toMatchObject({
      ok: false,
      error: expect.stringContaining("already belongs"),
    });
    expect(addDisk(parent, SLED_ID, { id: ZONE_ID })).toMatchObject({
      ok: false,
      error: expect.stringContaining("already used"),
    });
    expect(addDisk(parent, "nope")).toEqual({ ok: false, error: "sled nope not found" });
  });
});

describe("addZone", () => {
  const withDisk = ok(addDisk(parent, SLED_ID, { poolId: NEW_POOL_ID }));

  it("adds a crucible zone with its root and durable dataset, at the next underlay address", () => {
    const child = ok(addZone(withDisk, SLED_ID, "crucible", NEW_POOL, { zoneId: "zone-2" }));
    const sled = child.sleds[0];
    const zone = sled?.zones.find((z) => z.id === "zone-2");
    // The sled's last allocated offset was 9 (::9); omicron hands out ::a next.
    expect(zone).toMatchObject({
      filesystemPool: NEW_POOL,
      zoneType: {
        type: "crucible",
        address: "[fd00:1122:3344:103::a]:32345",
        dataset: { pool_name: NEW_POOL },
      },
    });
    expect(sled?.extra.last_allocated_ip_subnet_offset).toBe(10);
    const datasets = sled?.datasets.filter(
      (d) => d.pool === NEW_POOL && d.kind !== "debug" && d.kind !== "zone",
    );
    expect(datasets?.map((d) => [d.kind, d.address])).toEqual(
      expect.arrayContaining([
        ["crucible", "[fd00:1122:3344:103::a]:32345"],
        ["zone/oxz_crucible_zone-2", null],
      ]),
    );
  });

  it("refuses a durable (pool, kind) that an in-service dataset holds, until it is expunged", () => {
    expect(addZone(parent, SLED_ID, "crucible", POOL)).toEqual({
      ok: false,
      error: `pool ${POOL} already has an in-service crucible dataset`,
    });
    const replaced = ok(
      applyEdits(parent, [
        { kind: "expunge-zone", zoneId: ZONE_ID },
        { kind: "add-zone", sledId: SLED_ID, zoneType: "crucible", pool: POOL },
      ]),
    );
    const crucibleDatasets = replaced.sleds[0]?.datasets.filter((d) => d.kind === "crucible");
    expect(crucibleDatasets?.map((d) => d.disposition).sort()).toEqual(["expunged", "in_service"]);
    expect(replaced.sleds[0]?.generation).toBe(3);
  });

  it("replaces a cockroach zone on the same pool in one blueprint", () => {
    const withCockroach = ok(addZone(parent, SLED_ID, "cockroach_db", POOL, { zoneId: "crdb-1" }));
    const replaced = ok(
      applyEdits(withCockroach, [
        { kind: "expunge-zone", zoneId: "crdb-1" },
        {
          kind: "add-zone",
          sledId: SLED_ID,
          zoneType: "cockroach_db",
          pool: POOL,
          zoneId: "crdb-2",
        },
      ]),
    );
    const changes = changedItems(diffBlueprints(withCockroach, replaced)).map(
      (c) => `${c.status} ${c.kind}`,
    );
    expect(changes.sort()).toEqual([
      "added dataset",
      "added dataset",
      "added zone",
      "removed dataset",
      "removed dataset",
      "removed zone",
    ]);
  });

  it("refuses pools without an in-service disk, unknown types and ids already used", () => {
    expect(addZone(parent, SLED_ID, "oximeter", NEW_POOL)).toMatchObject({
      ok: false,
      error: expect.stringContaining("no in-service disk"),
    });
    expect(addZone(parent, SLED_ID, "warp_drive", POOL)).toMatchObject({
      ok: false,
      error: expect.stringContaining("unknown zone type"),
    });
    expect(addZone(parent, SLED_ID, "oximeter", POOL, { zoneId: ZONE_ID })).toMatchObject({
      ok: false,
    });
    const expunged = ok(expungeZone(parent, ZONE_ID));
    expect(addZone(expunged, "nope", "oximeter", POOL)).toEqual({
      ok: false,
      error: "sled nope not found",
    });
  });

  it("takes a given address, and builds the fields omicron requires for networked zones", () => {
    const ids = createIdGenerator("nexus-test");
    const child = ok(
      addZone(parent, SLED_ID, "nexus", POOL, {
        zoneId: "nexus-1",
        ip: "fd00:1122:3344:103::77",
        ids,
      }),
    );
    const nexus = child.sleds[0]?.zones.find((z) => z.id === "nexus-1");
    expect(nexus?.zoneType).toMatchObject({
      internal_address: "[fd00:1122:3344:103::77]:12221",
      lockstep_port: 12232,
      external_tls: true,
      nic: {
        kind: { type: "service", id: "nexus-1" },
        name: "nexus-nexus-1",
        vni: 100,
        primary: true,
        slot: 0,
      },
    });
    // A given address leaves the allocator's bookkeeping alone.
    expect(child.sleds[0]?.extra.last_allocated_ip_subnet_offset).toBe(9);
  });
});
