/**
 * Every strict-semantics refusal of the `split` profile (docs/ARCHITECTURE.md "Strict sled semantics", lib/sled/rules.ts) over
 * real HTTP, each answered 409 (or 500 when asked) with the rule as `error_code`, and a refused
 * request changes nothing.
 */
import { describe, expect, it } from "vitest";
import type { WireDataset } from "../lib/wire/types";
import type { SledAgentClient } from "../server/sled-agent/client";
import { crucibleExpungeCase, uuidFor } from "./test-support/cases";
import { okBody } from "./test-support/rack";
import { errorCode, snapshot, splitRack, useSplitRack, type Snapshot } from "./test-support/split";

useSplitRack();

describe("split strict semantics", () => {
  const POOL = crucibleExpungeCase().parent.sleds[0]?.disks[0]?.poolId ?? "";
  const OTHER_POOL = "9b6c4a2e-1f3d-4c5b-8a7e-6d5c4b3a2f10";
  const otherDisk = {
    identity: { vendor: "v", model: "m", serial: "s2" },
    id: uuidFor("disk2"),
    pool_id: OTHER_POOL,
  };
  const ds = (id: string, pool: string, kind: string): WireDataset => ({
    id,
    name: { pool_name: `oxp_${pool}`, kind },
    compression: { type: "off" },
    quota: null,
    reservation: null,
  });

  type Opts = {
    status?: 409 | 500;
    deletion?: "strict" | "ignore";
    prepare?: (c: SledAgentClient, s: Snapshot) => Promise<void>;
  };
  async function refused(
    code: string,
    send: (c: SledAgentClient, s: Snapshot) => Promise<{ ok: boolean; status: number | null }>,
    opts: Opts = {},
  ) {
    const { status = 409, deletion = "strict", prepare } = opts;
    const { c } = await splitRack(deletion, status);
    if (prepare) await prepare(c, await snapshot(c));
    const before = await snapshot(c);
    const r = await send(c, before);
    expect(r.status).toBe(status);
    expect(errorCode(r)).toBe(code);
    expect(await snapshot(c)).toEqual(before); // a refused request changes nothing
  }
  const datasets = (s: Snapshot) => Object.values(s.datasets.datasets);
  const putDs = (c: SledAgentClient, s: Snapshot, list: WireDataset[]) =>
    c.putDatasets({
      generation: s.datasets.generation + 1,
      datasets: Object.fromEntries(list.map((d) => [d.id, d])),
    });

  it("a zone cannot start without its datasets", () =>
    refused("ZoneMissingDataset", (c, s) => {
      const z = s.inventory.omicron_zones.zones[0];
      if (!z) throw new Error("no zone");
      const extra = { ...z, id: uuidFor("zone2"), filesystem_pool: `oxp_${OTHER_POOL}` };
      return c.putZones({
        generation: s.inventory.omicron_zones.generation + 1,
        zones: [z, extra],
      });
    }));

  it("a dataset cannot be destroyed while a zone uses it", () =>
    refused("DatasetInUse", (c, s) =>
      putDs(
        c,
        s,
        datasets(s).filter((d) => d.name.kind !== "crucible"),
      ),
    ));

  it("a disk cannot go while datasets live on its pool", () =>
    refused("DiskHasDatasets", (c, s) =>
      c.putDisks({ generation: s.disks.generation + 1, disks: [] }),
    ));

  it("no dataset on an unmanaged pool", () =>
    refused("PoolNotManaged", (c, s) =>
      putDs(c, s, [...datasets(s), ds(uuidFor("x"), OTHER_POOL, "debug")]),
    ));

  it("no zone root dataset without the pool's zone dataset", () =>
    refused(
      "MissingZoneRoot",
      (c, s) =>
        putDs(c, s, [
          ...datasets(s),
          ds(uuidFor("y"), OTHER_POOL, `zone/oxz_oximeter_${uuidFor("z")}`),
        ]),
      {
        prepare: async (c, s) =>
          void okBody(
            await c.putDisks({
              generation: s.disks.generation + 1,
              disks: [...s.disks.disks, otherDisk],
            }),
          ),
      },
    ));

  it("no new dataset under the name of one left on disk (January 2025: removed datasets stay)", () =>
    refused(
      "DatasetNameTaken",
      (c, s) => putDs(c, s, [...datasets(s), ds(uuidFor("dup"), POOL, "crucible")]),
      {
        deletion: "ignore",
        prepare: async (c, s) =>
          void okBody(
            await putDs(
              c,
              s,
              datasets(s).filter((d) => d.name.kind !== "crucible"),
            ),
          ),
      },
    ));

  it("the zone dataset cannot go while zone root datasets remain under it", () =>
    refused("DatasetHasChildren", (c, s) =>
      putDs(
        c,
        s,
        datasets(s).filter((d) => d.name.kind !== "zone"),
      ),
    ));

  it("a dataset cannot change its name", () =>
    refused("DatasetRenamed", (c, s) =>
      putDs(
        c,
        s,
        datasets(s).map((d) =>
          d.name.kind === "zone" ? { ...d, name: { ...d.name, kind: "debug" } } : d,
        ),
      ),
    ));

  it("answers 500 instead when asked to behave like January 2025", () =>
    refused(
      "DatasetInUse",
      (c, s) =>
        putDs(
          c,
          s,
          datasets(s).filter((d) => d.name.kind !== "crucible"),
        ),
      { status: 500 },
    ));
});
