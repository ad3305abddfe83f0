/**
 * Durable ledgers: what a sled agent accepted survives a restart of the whole simulator, an
 * existing ledger wins over the blueprint, and the data dir holds only complete files.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sledFilePath } from "./ledger-store";
import { startSimulatedRack } from "./rack";
import { crucibleExpungeCase } from "./test-support/cases";
import { okBody, startTestRack } from "./test-support/rack";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sim-ledger-test-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ledgers survive a restart of the simulator", () => {
  it("split: an accepted request is still ledgered, even when started from another blueprint", async () => {
    const { parent, target } = crucibleExpungeCase();
    const first = await startTestRack({ blueprint: parent, profile: "split", dataDir: dir });
    const disks = okBody(await first.client().getDisks());
    expect((await first.client().putDisks({ ...disks, generation: 7 })).status).toBe(200);
    await first.stop();
    const files = await readdir(dir);
    expect(files).toEqual([`sled-${first.sledId()}.json`]); // no temporary files left behind
    const second = await startTestRack({ blueprint: target, profile: "split", dataDir: dir });
    try {
      expect(okBody(await second.client().getDisks()).generation).toBe(7);
      const zones = okBody(await second.client().getSplitInventory()).omicron_zones.zones;
      expect(zones).toHaveLength(1); // the parent's zone: the ledger won over the target blueprint
    } finally {
      await second.stop();
    }
  });

  it("reconciler: the ledgered config and the reconciled state come back", async () => {
    const { parent, target } = crucibleExpungeCase();
    const first = await startTestRack({ blueprint: parent, profile: "reconciler", dataDir: dir });
    const ledgered = okBody(await first.client().getReconcilerInventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    const next = { ...ledgered, generation: ledgered.generation + 5, zones: {} };
    expect((await first.client().putConfig(next)).status).toBe(204);
    await first.rack.control.whenReconciled();
    const datasetsBefore = okBody(await first.client().getReconcilerInventory()).datasets;
    await first.stop();
    const second = await startTestRack({ blueprint: target, profile: "reconciler", dataDir: dir });
    try {
      const inv = okBody(await second.client().getReconcilerInventory());
      expect(inv.ledgered_sled_config).toEqual(next);
      expect(inv.last_reconciliation?.last_reconciled_config).toEqual(next);
      expect(inv.datasets).toEqual(datasetsBefore);
    } finally {
      await second.stop();
    }
  });

  it("answers 500 when the ledger cannot be written, and changes nothing", async () => {
    const { parent } = crucibleExpungeCase();
    const t = await startTestRack({ blueprint: parent, profile: "split", dataDir: dir });
    try {
      const disks = okBody(await t.client().getDisks());
      await rm(dir, { recursive: true, force: true });
      await writeFile(dir, "not a directory"); // every ledger write now fails
      const r = await t.client().putDisks({ ...disks, generation: disks.generation + 1 });
      expect(r.ok ? null : r.failure).toMatchObject({ kind: "http", status: 500, retryable: true });
      expect(okBody(await t.client().getDisks())).toEqual(disks);
    } finally {
      await t.stop();
      await rm(dir, { force: true });
    }
  });

  it("refuses a data dir holding another profile's ledgers, or a damaged ledger", async () => {
    const { parent } = crucibleExpungeCase();
    const first = await startTestRack({ blueprint: parent, profile: "split", dataDir: dir });
    const id = first.sledId();
    await first.stop();
    await expect(
      startSimulatedRack({
        blueprint: parent,
        profile: "reconciler",
        dataDir: dir,
        adminPort: null,
      }),
    ).rejects.toThrow(/holds a split ledger/);
    await writeFile(sledFilePath(dir, id), "{ half a file");
    await expect(
      startSimulatedRack({ blueprint: parent, profile: "split", dataDir: dir, adminPort: null }),
    ).rejects.toThrow(/is not JSON/);
  });
});
