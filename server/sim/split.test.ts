/**
 * The `split` profile over real HTTP: per-endpoint generation rules, every strict-semantics
 * refusal (and that a refused request changes nothing), and omicron #7309 — the January-2025
 * phased order fails in strict mode exactly where the hazard check says, and "succeeds" with
 * orphaned datasets when dataset deletion is ignored, as it did in January 2025.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Endpoint, WireDataset, ZonesConfigBody } from "../../lib/wire/types";
import type { SledAgentClient } from "../sled-agent/client";
import { crucibleExpungeCase, uuidFor } from "./test-support/cases";
import { okBody, startTestRack, type TestRack } from "./test-support/rack";

let t: TestRack | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function splitRack(datasetDeletion: "strict" | "ignore" = "strict", refusalStatus: 409 | 500 = 409) {
  const { parent, target } = crucibleExpungeCase();
  t = await startTestRack({ blueprint: parent, profile: "split", datasetDeletion, refusalStatus });
  return { parent, target, c: t.client() };
}

async function snapshot(c: SledAgentClient) {
  return { disks: okBody(await c.getDisks()), datasets: okBody(await c.getDatasets()), inventory: okBody(await c.getSplitInventory()) };
}

const errorCode = (r: { ok: boolean; failure?: unknown }) => (r.ok ? null : (r as { failure: { error: { error_code: string } | null } }).failure.error?.error_code);

describe("split generation rules", () => {
  it("rejects older and changed-at-same-generation requests, accepts identical ones without change", async () => {
    const { c } = await splitRack();
    const before = await snapshot(c);
    const zones: ZonesConfigBody = before.inventory.omicron_zones;
    const cases: [Endpoint, { generation: number }, unknown][] = [
      ["disks", before.disks, { ...before.disks, disks: [] }],
      ["datasets", before.datasets, { ...before.datasets, datasets: {} }],
      ["zones", zones, { ...zones, zones: [] }],
    ];
    for (const [endpoint, current, changed] of cases) {
      const older = await c.send(endpoint, { ...current, generation: current.generation - 1 });
      expect([older.status, errorCode(older)], `${endpoint} older`).toEqual([400, "GenerationOutdated"]);
      const conflict = await c.send(endpoint, changed);
      expect([conflict.status, errorCode(conflict)], `${endpoint} same generation, other content`).toEqual([400, "ConfigurationChanged"]);
      const same = await c.send(endpoint, current);
      expect(same.ok, `${endpoint} identical`).toBe(true);
    }
    expect(await snapshot(c)).toEqual(before);
  });

  it("applies a newer generation and ledgers it", async () => {
    const { c } = await splitRack();
    const before = await snapshot(c);
    const r = await c.putDisks({ ...before.disks, generation: before.disks.generation + 1 });
    expect(r.status).toBe(200);
    expect(okBody(r).status.every((s) => s.err === null)).toBe(true);
    expect(okBody(await c.getDisks()).generation).toBe(before.disks.generation + 1);
    expect(okBody(await c.getSplitInventory()).omicron_physical_disks_generation).toBe(before.disks.generation + 1);
  });

  it("answers 400 with an omicron error body for a body that does not parse", async () => {
    const { c } = await splitRack();
    const r = await c.send("datasets", { generation: "three", datasets: [] });
    expect(r.ok).toBe(false);
    if (r.ok || r.failure.kind !== "http") throw new Error("expected an HTTP failure");
    expect(r.status).toBe(400);
    expect(r.failure.retryable).toBe(false);
    expect(r.failure.error?.message).toMatch(/^unable to parse JSON body: generation/);
    expect(r.failure.error?.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("split strict semantics", () => {
  const POOL = crucibleExpungeCase().parent.sleds[0]?.disks[0]?.poolId ?? "";
  const OTHER_POOL = "9b6c4a2e-1f3d-4c5b-8a7e-6d5c4b3a2f10";
  const otherDisk = { identity: { vendor: "v", model: "m", serial: "s2" }, id: uuidFor("disk2"), pool_id: OTHER_POOL };
  const ds = (id: string, pool: string, kind: string): WireDataset => ({ id, name: { pool_name: `oxp_${pool}`, kind }, compression: { type: "off" }, quota: null, reservation: null });

  type Snap = Awaited<ReturnType<typeof snapshot>>;
  type Opts = { status?: 409 | 500; deletion?: "strict" | "ignore"; prepare?: (c: SledAgentClient, s: Snap) => Promise<void> };
  async function refused(code: string, send: (c: SledAgentClient, s: Snap) => Promise<{ ok: boolean; status: number | null }>, opts: Opts = {}) {
    const { status = 409, deletion = "strict", prepare } = opts;
    const { c } = await splitRack(deletion, status);
    if (prepare) await prepare(c, await snapshot(c));
    const before = await snapshot(c);
    const r = await send(c, before);
    expect(r.status).toBe(status);
    expect(errorCode(r)).toBe(code);
    expect(await snapshot(c)).toEqual(before); // a refused request changes nothing
  }
  const datasets = (s: Snap) => Object.values(s.datasets.datasets);
  const putDs = (c: SledAgentClient, s: Snap, list: WireDataset[]) =>
    c.putDatasets({ generation: s.datasets.generation + 1, datasets: Object.fromEntries(list.map((d) => [d.id, d])) });

  it("a zone cannot start without its datasets", () =>
    refused("ZoneMissingDataset", (c, s) => {
      const z = s.inventory.omicron_zones.zones[0];
      if (!z) throw new Error("no zone");
      const extra = { ...z, id: uuidFor("zone2"), filesystem_pool: `oxp_${OTHER_POOL}` };
      return c.putZones({ generation: s.inventory.omicron_zones.generation + 1, zones: [z, extra] });
    }));

  it("a dataset cannot be destroyed while a zone uses it", () =>
    refused("DatasetInUse", (c, s) => putDs(c, s, datasets(s).filter((d) => d.name.kind !== "crucible"))));

  it("a disk cannot go while datasets live on its pool", () =>
    refused("DiskHasDatasets", (c, s) => c.putDisks({ generation: s.disks.generation + 1, disks: [] })));

  it("no dataset on an unmanaged pool", () =>
    refused("PoolNotManaged", (c, s) => putDs(c, s, [...datasets(s), ds(uuidFor("x"), OTHER_POOL, "debug")])));

  it("no zone root dataset without the pool's zone dataset", () =>
    refused(
      "MissingZoneRoot",
      (c, s) => putDs(c, s, [...datasets(s), ds(uuidFor("y"), OTHER_POOL, `zone/oxz_oximeter_${uuidFor("z")}`)]),
      { prepare: async (c, s) => void okBody(await c.putDisks({ generation: s.disks.generation + 1, disks: [...s.disks.disks, otherDisk] })) },
    ));

  it("no new dataset under the name of one left on disk (January 2025: removed datasets stay)", () =>
    refused("DatasetNameTaken", (c, s) => putDs(c, s, [...datasets(s), ds(uuidFor("dup"), POOL, "crucible")]), {
      deletion: "ignore",
      prepare: async (c, s) => void okBody(await putDs(c, s, datasets(s).filter((d) => d.name.kind !== "crucible"))),
    }));

  it("the zone dataset cannot go while zone root datasets remain under it", () =>
    refused("DatasetHasChildren", (c, s) => putDs(c, s, datasets(s).filter((d) => d.name.kind !== "zone"))));

  it("a dataset cannot change its name", () =>
    refused("DatasetRenamed", (c, s) => putDs(c, s, datasets(s).map((d) => (d.name.kind === "zone" ? { ...d, name: { ...d.name, kind: "debug" } } : d)))));

  it("answers 500 instead when asked to behave like January 2025", () =>
    refused("DatasetInUse", (c, s) => putDs(c, s, datasets(s).filter((d) => d.name.kind !== "crucible")), { status: 500 }));
});
