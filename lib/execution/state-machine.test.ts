import { describe, expect, it } from "vitest";
import {
  rackAllows,
  rackBusyForRequest,
  EXECUTION_STATES,
  isTerminal,
  transition,
  type ExecutionEvent,
} from "./state-machine";

const EVENTS: ExecutionEvent[] = [
  { type: "approve" },
  { type: "reject" },
  { type: "cancel" },
  { type: "start" },
  { type: "found_stale" },
  { type: "refused_by_nexus" },
  { type: "not_started" },
  { type: "finish", outcome: "succeeded" },
];

describe("execution state machine", () => {
  it("allows exactly the documented transitions", () => {
    const table = EXECUTION_STATES.flatMap((s) =>
      EVENTS.map((e) => {
        const t = transition(s, e);
        return t.ok ? `${s} --${e.type}--> ${t.state}` : null;
      }),
    ).filter(Boolean);
    expect(table).toMatchInlineSnapshot(`
      [
        "awaiting_approval --approve--> approved",
        "awaiting_approval --reject--> rejected",
        "awaiting_approval --cancel--> cancelled",
        "approved --cancel--> cancelled",
        "approved --start--> running",
        "approved --found_stale--> stale",
        "approved --not_started--> failed",
        "running --cancel--> cancelled",
        "running --refused_by_nexus--> stale",
        "running --finish--> succeeded",
      ]
    `);
  });

  it("never leaves a terminal state", () => {
    for (const s of EXECUTION_STATES.filter(isTerminal))
      for (const e of EVENTS) expect(transition(s, e).ok).toBe(false);
  });

  it("refuses with a reason", () => {
    expect(transition("running", { type: "approve" })).toEqual({
      ok: false,
      reason:
        "cannot approve an execution that is running: only executions awaiting approval can be decided",
    });
  });

  it("lets an execution be approved or start only from the rack's current blueprint, alone", () => {
    const idle = { currentBlueprintId: "p", active: null };
    expect(rackAllows("p", idle)).toEqual({ ok: true });
    expect(rackAllows("p", { ...idle, currentBlueprintId: "ca" })).toEqual({
      ok: false,
      why: "moved",
      reason: "the rack moved to ca since this was requested: re-request from ca",
    });
    expect(rackAllows("p", { ...idle, active: { id: "e1", state: "running" } })).toMatchObject({
      ok: false,
      why: "busy",
      reason: expect.stringContaining("execution e1 of this rack is running"),
    });
    // moved wins: waiting for the other execution would not make this one current again
    expect(
      rackAllows("p", { currentBlueprintId: "ca", active: { id: "e1", state: "running" } }),
    ).toMatchObject({ why: "moved" });
    expect(rackBusyForRequest({ id: "e1", state: "approved" })).toBe(
      "execution e1 of this rack is approved: wait for it to end, then request again from the blueprint it leaves current",
    );
  });
});
