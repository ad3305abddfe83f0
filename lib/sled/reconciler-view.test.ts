import { describe, expect, it } from "vitest";
import { failedItems, reconcilerView } from "./reconciler-view";

const pass = (generation: number, zones: Record<string, unknown> = {}) => ({
  last_reconciled_config: { generation },
  external_disks: { d1: { result: "ok" } },
  datasets: {},
  zones,
});
const idle = {
  status: "idle" as const,
  completed_at: "2026-12-07T10:00:00Z",
  ran_for: { secs: 1, nanos: 0 },
};

describe("reconcilerView", () => {
  it("says reconciling, with when the pass started", () => {
    const v = reconcilerView({
      reconciler_status: {
        status: "running",
        config: { generation: 4 } as never,
        started_at: "2026-12-07T10:05:00Z",
        running_for: { secs: 3, nanos: 0 },
      },
      ledgered_sled_config: { generation: 4 },
      last_reconciliation: pass(3),
    });
    expect(v).toMatchObject({ state: "reconciling", since: "2026-12-07T10:05:00Z" });
  });

  it("says behind when the ledgered config is newer than the last one reconciled", () => {
    const v = reconcilerView({
      reconciler_status: idle,
      ledgered_sled_config: { generation: 5 },
      last_reconciliation: pass(4),
    });
    expect(v).toEqual({
      state: "behind",
      since: "2026-12-07T10:00:00Z",
      ledgeredGeneration: 5,
      reconciledGeneration: 4,
      failing: [],
    });
  });

  it("names each failing item of the last pass, and is reconciled otherwise", () => {
    const failing = reconcilerView({
      reconciler_status: idle,
      ledgered_sled_config: { generation: 4 },
      last_reconciliation: pass(4, {
        z1: { result: "err", message: "no pool" },
        z2: { result: "ok" },
      }),
    });
    expect(failing).toMatchObject({ state: "failing", failing: ["zone z1: no pool"] });
    expect(
      reconcilerView({
        reconciler_status: idle,
        ledgered_sled_config: { generation: 4 },
        last_reconciliation: pass(4),
      }).state,
    ).toBe("reconciled");
    expect(
      reconcilerView({
        reconciler_status: { status: "not_yet_run" },
        ledgered_sled_config: null,
        last_reconciliation: null,
      }),
    ).toMatchObject({ state: "not-yet-run", since: null });
  });

  it("reads odd item maps without failing", () => {
    expect(failedItems({ ...pass(1), zones: null, datasets: "x" })).toEqual([]);
  });
});
