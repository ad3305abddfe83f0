/**
 * Maintenance windows (issue 16): an approved execution of a rack with windows starts only
 * while one is open, or once an approver started it now with a written reason. The executor
 * asks `windowHold` before it starts an approved execution (server/executor/drive.ts); the
 * clock is the caller's, so tests move it.
 */
import { executionCan } from "~/lib/execution/can.ts";
import {
  describeSchedule,
  scheduleProblems,
  windowStatus,
  type WindowSchedule,
  type WindowStatus,
} from "~/lib/policy/windows.ts";
import type { SessionUser } from "../auth/roles.ts";
import { getExecution } from "../repo/executions.ts";
import { getRack } from "../repo/racks.ts";
import {
  getRackWindows,
  readWindowOverride,
  recordWindowOverride,
  setRackWindows,
  type StoredSchedule,
  type WindowOverride,
} from "../repo/windows.ts";
import { fail, notFound, ok, type Result } from "./result.ts";

/** What the rack page and execution page show of a rack's windows. */
export interface RackWindowsView {
  schedule: WindowSchedule | null;
  /** In words: "Tue and Thu 02:00–05:00 (America/Los_Angeles)". */
  description: string;
  /** Whether a start is allowed now, and until / from when (ISO times). */
  status:
    | { kind: "always" }
    | { kind: "unreadable" }
    | { kind: "open"; closesAt: string | null }
    | { kind: "closed"; opensAt: string };
}

function statusView(s: WindowStatus): RackWindowsView["status"] {
  if (s.kind === "open") return { kind: "open", closesAt: s.closesAt?.toISOString() ?? null };
  if (s.kind === "closed") return { kind: "closed", opensAt: s.opensAt.toISOString() };
  return s;
}

const UNREADABLE =
  "the rack's stored maintenance windows are unreadable: executions wait until an admin sets them again";

function windowsView(stored: StoredSchedule, now: Date): RackWindowsView {
  if (stored === "unreadable")
    return { schedule: null, description: UNREADABLE, status: { kind: "unreadable" } };
  return {
    schedule: stored,
    description: describeSchedule(stored),
    status: statusView(windowStatus(stored, now)),
  };
}

export async function rackWindows(
  rackId: string,
  now = new Date(),
): Promise<Result<RackWindowsView>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  return ok(windowsView(await getRackWindows(rackId), now));
}

/** An admin replaces the rack's windows (null or none: no gate); audited before and after. */
export async function setWindows(
  actor: SessionUser,
  input: { rackId: string; schedule: WindowSchedule | null },
  now = new Date(),
): Promise<Result<RackWindowsView>> {
  if (!(await getRack(input.rackId))) return notFound(`rack ${input.rackId}`);
  const schedule = input.schedule && input.schedule.windows.length ? input.schedule : null;
  if (schedule) {
    const problems = scheduleProblems(schedule);
    if (problems.length) return fail("BAD_REQUEST", `maintenance windows: ${problems.join("; ")}`);
  }
  return ok(windowsView(await setRackWindows(input.rackId, schedule, actor), now));
}

/** Why an approved execution does not start yet; null when it may start now. */
export interface WindowHold {
  /** Null when the stored windows are unreadable. */
  opensAt: Date | null;
  message: string;
}

/**
 * Whether an approved execution waits for its rack's maintenance window at `now`. A running
 * execution never waits (the window gates the start), nor one an approver started now.
 */
export async function windowHold(
  exec: { rackId: string; state: string; windowOverride: unknown },
  now: Date,
): Promise<WindowHold | null> {
  if (exec.state !== "approved" || readWindowOverride(exec.windowOverride)) return null;
  return holdFor(await getRackWindows(exec.rackId), now);
}

function holdFor(stored: StoredSchedule, now: Date): WindowHold | null {
  if (stored === "unreadable") return { opensAt: null, message: UNREADABLE };
  const status = windowStatus(stored, now);
  if (status.kind !== "closed") return null;
  return {
    opensAt: status.opensAt,
    message: `waits for the rack's maintenance window (${describeSchedule(stored)}): starts at ${status.opensAt.toISOString()}`,
  };
}

/** What execution.byId says of the window: for an approved one, whether it waits, and why. */
export interface ExecutionWindowView {
  waiting: boolean;
  opensAt: string | null;
  message: string | null;
  override: WindowOverride | null;
  /** The rack's schedule in words. */
  schedule: string;
}

export async function executionWindow(
  exec: { rackId: string; state: string; windowOverride: unknown },
  now = new Date(),
): Promise<ExecutionWindowView> {
  const stored = await getRackWindows(exec.rackId);
  const override = readWindowOverride(exec.windowOverride);
  const hold = exec.state === "approved" && !override ? holdFor(stored, now) : null;
  return {
    waiting: hold !== null,
    opensAt: hold?.opensAt?.toISOString() ?? null,
    message: hold?.message ?? null,
    override,
    schedule: stored === "unreadable" ? "unreadable" : describeSchedule(stored),
  };
}

/**
 * An approver starts an approved execution now, outside the rack's windows, with a written
 * reason (audited, shown on the execution). The executor is kicked by the caller.
 */
export async function startNow(
  user: SessionUser,
  input: { executionId: string; reason: string },
  now = new Date(),
): Promise<Result<{ state: string }>> {
  const exec = await getExecution(input.executionId);
  if (!exec) return notFound(`execution ${input.executionId}`);
  const hold = await windowHold(exec, now);
  const may = executionCan.startNow(exec, user, { waiting: hold !== null });
  if (!may.ok) return fail(may.code, may.reason);
  const reason = input.reason.trim();
  if (!reason)
    return fail("BAD_REQUEST", "starting outside the maintenance window needs a written reason");
  if (!(await recordWindowOverride(exec.id, user, reason, hold?.opensAt ?? null)))
    return fail(
      "CONFLICT",
      "the execution changed meanwhile (started, cancelled, or already started now): reload",
    );
  return ok({ state: "approved" });
}
