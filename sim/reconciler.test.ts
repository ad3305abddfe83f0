/**
 * The `reconciler` profile over real HTTP: `PUT /omicron-config` answers 204 once ledgered,
 * the reconciler then applies it phase by phase (observed through inventory while it runs),
 * and inventory reports `reconciler_status` and `last_reconciliation` with per-item results.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RECONCILER_PHASES } from "../lib/sled/reconcile";
import { inServiceWireItems, sledConfigBody, sledConfigExtras } from "../lib/wire/bodies";
import type { SledConfigBody } from "../lib/wire/types";
import type { Blueprint } from "../lib/blueprint/model";
import { reconciliationOutcome } from "../server/sled-agent/reconciliation";
import type { ReconcilerInventory } from "../lib/wire/agent-responses";
import {
  crucibleExpungeCase,
  NEW_CRUCIBLE_ZONE,
  replaceCrucibleCase,
  uuidFor,
} from "./test-support/cases";
import { okBody, startTestRack, type TestRack } from "./test-support/rack";

let t: TestRack | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

function configOf(bp: Blueprint, generation?: number): SledConfigBody {
  const sled = bp.sleds[0];
  if (!sled) throw new Error("no sled");
  return sledConfigBody(
    generation ?? sled.generation,
    inServiceWireItems(sled, "reconciler"),
    sledConfigExtras(sled),
  );
}

const inventory = async () => okBody(await (t as TestRack).client().getReconcilerInventory());
const errorCode = (r: { ok: boolean; failure?: unknown }) =>
  r.ok
    ? null
    : (r as { failure: { error: { error_code: string } | null } }).failure.error?.error_code;

describe("PUT /omicron-config", () => {
  it("follows the generation rules and does not re-run for an identical config", async () => {
    const { parent } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler" });
    const c = t.client();
    const ledgered = (await inventory()).ledgered_sled_config;
    if (!ledgered) throw new Error("nothing ledgered");
    const phases = () => {
      const d = t?.rack.control.detail(t.sledId());
      return d?.ok ? d.value.phaseLog : null;
    };
    const before = phases();
    const older = await c.putConfig({ ...ledgered, generation: ledgered.generation - 1 });
    expect([older.status, errorCode(older)]).toEqual([400, "GenerationOutdated"]);
    const changed = await c.putConfig({ ...ledgered, zones: {} });
    expect([changed.status, errorCode(changed)]).toEqual([400, "ConfigurationChanged"]);
    const same = await c.putConfig(ledgered);
    expect(same.status).toBe(204);
    await t.rack.control.whenReconciled();
    expect(phases()).toEqual(before);
    expect((await inventory()).ledgered_sled_config).toEqual(ledgered);
  });

  it("rejects a body that does not parse, and an invalid config, with 400", async () => {
    const { parent } = crucibleExpungeCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler" });
    const ledgered = (await inventory()).ledgered_sled_config as SledConfigBody; // ledgered at start
    const noMeasurements: Record<string, unknown> = { ...ledgered, generation: 9 };
    delete noMeasurements.measurements;
    expect((await t.client().send("config", noMeasurements)).status).toBe(400);
    const zones = Object.fromEntries(
      Object.entries(ledgered.zones).map(([k, z]) => [
        k,
        { ...z, image_source: { type: "artifact", hash: "ab".repeat(32) } },
      ]),
    );
    const invalid = await t.client().putConfig({
      ...ledgered,
      generation: 9,
      zones,
      remove_mupdate_override: uuidFor("mupdate"),
    });
    expect([invalid.status, errorCode(invalid)]).toEqual([400, "ValidationFailed"]);
    expect((await inventory()).ledgered_sled_config?.generation).toBe(ledgered.generation);
  });
});

describe("the config reconciler", () => {
  it("answers 204 at once, then removes before it adds, phase by phase", async () => {
    const { parent, target } = replaceCrucibleCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler", reconcileMs: 900 });
    const config = configOf(target);
    const removed =
      parent.sleds[0]?.datasets.map((d) => d.id).filter((id) => !(id in config.datasets)) ?? [];
    const added = Object.keys(config.datasets).filter(
      (id) => !parent.sleds[0]?.datasets.some((d) => d.id === id),
    );
    const put = await t.client().putConfig(config);
    expect(put.status).toBe(204);
    const justAfter = await inventory(); // ledgered, not yet applied
    expect(justAfter.ledgered_sled_config?.generation).toBe(config.generation);
    expect(justAfter.last_reconciliation?.last_reconciled_config.generation).not.toBe(
      config.generation,
    );
    const seen: { at: number; inv: ReconcilerInventory }[] = [];
    for (let inv = await inventory(); seen.length < 200; inv = await inventory()) {
      seen.push({ at: Date.now(), inv });
      if (
        inv.reconciler_status.status === "idle" &&
        inv.last_reconciliation?.last_reconciled_config.generation === config.generation
      )
        break;
      await new Promise((r) => setTimeout(r, 15));
    }
    const running = seen.filter((s) => s.inv.reconciler_status.status === "running");
    expect(running.length).toBeGreaterThanOrEqual(2);
    const status = running[0]?.inv.reconciler_status;
    expect(status?.status === "running" ? status.config.generation : null).toBe(config.generation);
    const firstWhen = (pred: (ids: Set<string | null>) => boolean) =>
      seen.findIndex((s) => pred(new Set(s.inv.datasets.map((d) => d.id))));
    const removedGone = firstWhen((ids) => removed.every((id) => !ids.has(id)));
    const addedThere = firstWhen((ids) => added.every((id) => ids.has(id)));
    expect(removedGone).toBeGreaterThan(0);
    expect(addedThere).toBeGreaterThan(removedGone); // observed in inventory: removals land first
    const detail = t.rack.control.detail(t.sledId());
    const log = detail.ok
      ? detail.value.phaseLog.filter((p) => p.generation === config.generation).map((p) => p.phase)
      : [];
    expect(log).toEqual(RECONCILER_PHASES.map((p) => p.name));
    const last = seen.at(-1)?.inv;
    expect(last && reconciliationOutcome(last, config.generation)).toEqual({
      kind: "succeeded",
      reconciled: config.generation,
    });
    expect(Object.keys(last?.last_reconciliation?.zones ?? {})).toEqual([NEW_CRUCIBLE_ZONE]);
  });

  it("reports per-item errors: a zone without its datasets does not start", async () => {
    const { parent, target } = replaceCrucibleCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler" });
    const config = configOf(target);
    const withoutNewDatasets = {
      ...config,
      datasets: Object.fromEntries(
        Object.entries(config.datasets).filter(([id]) =>
          parent.sleds[0]?.datasets.some((d) => d.id === id),
        ),
      ),
    };
    expect((await t.client().putConfig(withoutNewDatasets)).status).toBe(204);
    await t.rack.control.whenReconciled();
    const inv = await inventory();
    const outcome = reconciliationOutcome(inv, config.generation);
    expect(outcome.kind).toBe("failed");
    expect(inv.last_reconciliation?.zones[NEW_CRUCIBLE_ZONE]).toMatchObject({
      result: "err",
      message: expect.stringMatching(/cannot start: missing root dataset/),
    });
  });

  it("keeps removed datasets as orphans when dataset deletion is ignored", async () => {
    const { parent, target } = crucibleExpungeCase();
    t = await startTestRack({
      blueprint: parent,
      profile: "reconciler",
      datasetDeletion: "ignore",
    });
    const config = configOf(target);
    expect((await t.client().putConfig(config)).status).toBe(204);
    await t.rack.control.whenReconciled();
    const inv = await inventory();
    const expunged = target.sleds[0]?.datasets
      .filter((d) => d.disposition === "expunged")
      .map((d) => d.id)
      .sort();
    expect(inv.last_reconciliation?.orphaned_datasets.map((o) => o.id).sort()).toEqual(expunged);
    expect(reconciliationOutcome(inv, config.generation).kind).toBe("succeeded");
  });

  it("reconciles a config ledgered during a pass in the next pass", async () => {
    const { parent, target } = replaceCrucibleCase();
    t = await startTestRack({ blueprint: parent, profile: "reconciler", reconcileMs: 200 });
    const first = configOf(crucibleExpungeCase().target);
    expect((await t.client().putConfig(first)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 50));
    expect((await inventory()).reconciler_status.status).toBe("running");
    const second = configOf(target, first.generation + 1);
    expect((await t.client().putConfig(second)).status).toBe(204);
    await t.rack.control.whenReconciled();
    expect(reconciliationOutcome(await inventory(), second.generation).kind).toBe("succeeded");
  });
});
