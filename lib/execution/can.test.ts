import { describe, expect, it } from "vitest";
import {
  executionCan,
  executionModeFor,
  REQUESTER_REASON,
  UNLINKED_MODE_REASON,
  type Can,
} from "./can";
import type { ExecutionState, RackNow } from "./state-machine";

const olivia = { id: "olivia", roles: ["operator"] };
const oscar = { id: "oscar", roles: ["operator", "approver"] };
const avery = { id: "avery", roles: ["approver"] };
const vic = { id: "vic", roles: ["viewer"] };

const exec = (state: ExecutionState = "awaiting_approval", requestedById = "oscar") => ({
  state,
  requestedById,
  parentBlueprintId: "p",
});
const idle: RackNow = { currentBlueprintId: "p", active: null };
const no = (code: string, reason: string | RegExp) => ({
  ok: false,
  code,
  reason: typeof reason === "string" ? reason : expect.stringMatching(reason),
});

describe("executionCan.request", () => {
  it.each<
    [string, { id: string; roles: string[] }, Parameters<typeof executionCan.request>[1], unknown]
  >([
    ["an operator", olivia, {}, { ok: true }],
    ["an operator, rack idle", olivia, { active: null }, { ok: true }],
    [
      "an approver without operator",
      avery,
      {},
      no("FORBIDDEN", "requesting an execution needs the operator role"),
    ],
    [
      "a viewer, even with the rack busy",
      vic,
      { active: { id: "e1", state: "running" } },
      no("FORBIDDEN", /operator role/),
    ],
    [
      "while another execution is approved",
      olivia,
      { active: { id: "e1", state: "approved" } },
      no(
        "CONFLICT",
        "execution e1 of this rack is approved: wait for it to end, then request again from the blueprint it leaves current",
      ),
    ],
  ])("%s", (_, user, ctx, want) => {
    expect(executionCan.request(user, ctx)).toEqual(want);
  });
});

describe("execution modes on a Nexus-linked rack", () => {
  it("defaults to nexus on a linked rack and refuses any mode on an unlinked one", () => {
    expect(executionModeFor(true, undefined)).toEqual({ ok: true, mode: "nexus" });
    expect(executionModeFor(true, "direct")).toEqual({ ok: true, mode: "direct" });
    expect(executionModeFor(false, undefined)).toEqual({ ok: true, mode: null });
    expect(executionModeFor(false, "nexus")).toEqual({ ok: false, reason: UNLINKED_MODE_REASON });
  });

  it("approves only an execution whose mode fits the rack's link, after the person checks", () => {
    const nexusUrls = ["http://[fd00::3]:12232"];
    expect(executionCan.approve(exec(), avery, { rack: idle, nexusUrls })).toEqual(
      no("CONFLICT", /^the rack is linked to Nexus .* planned without it/),
    );
    expect(executionCan.approve(exec(), oscar, { rack: idle, nexusUrls })).toEqual(
      no("FORBIDDEN", REQUESTER_REASON),
    );
    const nexusMode = { ...exec(), mode: "nexus" as const };
    expect(executionCan.approve(nexusMode, avery, { rack: idle, nexusUrls })).toEqual({ ok: true });
    expect(executionCan.approve(nexusMode, avery, { rack: idle, nexusUrls: [] })).toEqual(
      no("CONFLICT", /mode nexus, but the rack is no longer linked/),
    );
    expect(executionCan.approve(exec(), avery, { rack: idle, nexusUrls: [] })).toEqual({
      ok: true,
    });
  });
});

describe("executionCan.approve", () => {
  it.each<
    [string, ReturnType<typeof exec>, { id: string; roles: string[] }, RackNow | undefined, unknown]
  >([
    ["another approver", exec(), avery, undefined, { ok: true }],
    ["another approver, rack at the parent and idle", exec(), avery, idle, { ok: true }],
    ["the requester, even an approver", exec(), oscar, idle, no("FORBIDDEN", REQUESTER_REASON)],
    [
      "the requester, before the state is looked at",
      exec("running"),
      oscar,
      undefined,
      no("FORBIDDEN", REQUESTER_REASON),
    ],
    [
      "an operator without approver",
      exec(),
      olivia,
      undefined,
      no("FORBIDDEN", "approving needs the approver role"),
    ],
    ["a viewer", exec(), vic, undefined, no("FORBIDDEN", "approving needs the approver role")],
    ["once it runs", exec("running"), avery, undefined, no("CONFLICT", "the execution is running")],
    [
      "once it was approved",
      exec("approved"),
      avery,
      undefined,
      no("CONFLICT", "the execution is approved"),
    ],
    [
      "after the rack moved on",
      exec(),
      avery,
      { ...idle, currentBlueprintId: "c" },
      no("CONFLICT", "the rack moved to c since this was requested: re-request from c"),
    ],
    [
      "after the rack lost its current blueprint",
      exec(),
      avery,
      { ...idle, currentBlueprintId: null },
      no("CONFLICT", /no current blueprint any more/),
    ],
    [
      "while another execution of the rack runs",
      exec(),
      avery,
      { ...idle, active: { id: "e2", state: "running" } },
      no("CONFLICT", /^execution e2 of this rack is running: one execution per rack/),
    ],
  ])("%s", (_, e, user, rack, want) => {
    expect(executionCan.approve(e, user, { rack })).toEqual(want);
  });
});

describe("executionCan.reject", () => {
  it.each<[string, ReturnType<typeof exec>, { id: string; roles: string[] }, unknown]>([
    ["another approver", exec(), avery, { ok: true }],
    ["the requester", exec(), oscar, no("FORBIDDEN", REQUESTER_REASON)],
    [
      "an operator without approver",
      exec(),
      olivia,
      no("FORBIDDEN", "approving needs the approver role"),
    ],
    ["once it ended", exec("rejected"), avery, no("CONFLICT", "the execution is rejected")],
    [
      "an operator-approver who did not request it",
      exec("awaiting_approval", "olivia"),
      oscar,
      { ok: true },
    ],
  ])("%s", (_, e, user, want) => {
    expect(executionCan.reject(e, user)).toEqual(want);
  });
});

describe("executionCan.cancel", () => {
  it.each<[string, ExecutionState, { id: string; roles: string[] }, unknown]>([
    ["an operator, awaiting approval", "awaiting_approval", olivia, { ok: true }],
    ["an approver, while it runs", "running", avery, { ok: true }],
    ["the requester too", "approved", oscar, { ok: true }],
    ["a viewer", "running", vic, no("FORBIDDEN", "cancelling needs the operator or approver role")],
    ["a viewer, even once it ended", "succeeded", vic, no("FORBIDDEN", /operator or approver/)],
    [
      "once it succeeded",
      "succeeded",
      olivia,
      no("CONFLICT", "the execution already ended (succeeded)"),
    ],
    [
      "once it was rejected",
      "rejected",
      avery,
      no("CONFLICT", "the execution already ended (rejected)"),
    ],
  ])("%s", (_, state, user, want) => {
    expect(executionCan.cancel({ state }, user)).toEqual(want);
  });
});

describe("executionCan.reviewApprovals", () => {
  it.each<[string, { id: string; roles: string[] }, Can["ok"]]>([
    ["an approver", avery, true],
    ["an operator and approver", oscar, true],
    ["an operator", olivia, false],
    ["a viewer", vic, false],
  ])("%s", (_, user, ok) => {
    const got = executionCan.reviewApprovals(user);
    expect(got.ok).toBe(ok);
    if (!got.ok) expect(got).toEqual(no("FORBIDDEN", "approving needs the approver role"));
  });
});

describe("executionCan.approve with several approvers", () => {
  it("refuses a second approval from the same person, not another approver's", () => {
    expect(executionCan.approve(exec(), avery, { rack: idle, approvedBy: ["avery"] })).toEqual(
      no("CONFLICT", "you have already approved this execution; it waits for another approver"),
    );
    expect(executionCan.approve(exec(), avery, { rack: idle, approvedBy: ["someone"] })).toEqual({
      ok: true,
    });
  });
});

describe("executionCan.startNow", () => {
  it.each<[string, ExecutionState, { id: string; roles: string[] }, boolean, unknown]>([
    ["an approver, while it waits for its window", "approved", avery, true, { ok: true }],
    ["the requester, an approver too", "approved", oscar, true, { ok: true }],
    ["an operator", "approved", olivia, true, no("FORBIDDEN", /needs the approver role/)],
    [
      "not waiting (no window, or one is open)",
      "approved",
      avery,
      false,
      no("CONFLICT", "the execution is not waiting for a maintenance window"),
    ],
    [
      "still awaiting approval",
      "awaiting_approval",
      avery,
      true,
      no("CONFLICT", "the execution is awaiting approval"),
    ],
    ["already running", "running", avery, true, no("CONFLICT", "the execution is running")],
  ])("%s", (_, state, user, waiting, want) => {
    expect(executionCan.startNow({ state }, user, { waiting })).toEqual(want);
  });
});
