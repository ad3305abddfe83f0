/**
 * The per-sled swimlane timeline (Gantt): one lane per sled, a bar per step spanning its
 * start to finish (including backoff and reconciliation), and inside it a bar per HTTP
 * attempt. Positions are fractions of the whole window, so the view scales to any width.
 */
import type { StepState } from "~/lib/execution/state-machine";
import type { AttemptRow, StepRow } from "./types";

export type AttemptOutcome = "ok" | "retryable" | "fatal" | "abandoned" | "in-flight";

export interface Bar {
  /** 0..1 of the window. */
  left: number;
  width: number;
  startMs: number;
  durationMs: number;
}

export interface AttemptBar extends Bar {
  attempt: number;
  outcome: AttemptOutcome;
  status: number | null;
}

export interface StepBar extends Bar {
  stepId: string;
  state: StepState;
  attempts: AttemptBar[];
}

export interface Lane {
  sledId: string;
  steps: StepBar[];
}

export interface Timeline {
  startMs: number;
  windowMs: number;
  lanes: Lane[];
  /** Tick offsets (ms from start) for an axis, about five of them at round values. */
  ticks: number[];
}

export function attemptOutcome(
  a: Pick<AttemptRow, "finishedAt" | "errorKind" | "error">,
): AttemptOutcome {
  if (!a.finishedAt) return "in-flight";
  if (a.errorKind === "retryable" || a.errorKind === "fatal" || a.errorKind === "abandoned")
    return a.errorKind;
  return a.error ? "fatal" : "ok";
}

const NICE_STEPS_MS = [
  100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  1_800_000, 3_600_000,
];

export function ticksFor(windowMs: number, wanted = 5): number[] {
  const step =
    NICE_STEPS_MS.find((s) => windowMs / s <= wanted) ??
    NICE_STEPS_MS[NICE_STEPS_MS.length - 1] ??
    3_600_000;
  const out: number[] = [];
  for (let t = 0; t <= windowMs; t += step) out.push(t);
  return out;
}

export function layoutTimeline(
  steps: readonly StepRow[],
  attempts: readonly AttemptRow[],
  sledOrder: readonly string[],
  now: number,
): Timeline | null {
  const started = steps.filter((s) => s.startedAt);
  if (started.length === 0) return null;
  const t = (iso: string | null, fallback: number) => (iso ? Date.parse(iso) : fallback);
  const startMs = Math.min(
    ...started.map((s) => t(s.startedAt, now)),
    ...attempts.map((a) => t(a.startedAt, now)),
  );
  const endMs = Math.max(
    now > startMs && steps.some((s) => s.state === "running") ? now : startMs + 1,
    ...steps.map((s) => t(s.finishedAt, startMs)),
    ...attempts.map((a) => t(a.finishedAt, startMs)),
  );
  const windowMs = Math.max(1, endMs - startMs);
  const bar = (from: number, to: number): Bar => ({
    left: (from - startMs) / windowMs,
    width: Math.max(0, to - from) / windowMs,
    startMs: from - startMs,
    durationMs: Math.max(0, to - from),
  });
  const byStep = new Map<string, AttemptRow[]>();
  for (const a of attempts) byStep.set(a.stepId, [...(byStep.get(a.stepId) ?? []), a]);
  const lanes = new Map<string, Lane>(sledOrder.map((id) => [id, { sledId: id, steps: [] }]));
  for (const s of started) {
    const lane = lanes.get(s.sledId) ?? { sledId: s.sledId, steps: [] };
    lanes.set(s.sledId, lane);
    const from = t(s.startedAt, now);
    const own = (byStep.get(s.stepId) ?? []).sort((a, b) => a.attempt - b.attempt);
    // A resumed step's startedAt is its latest attempt's; its span starts at the first attempt.
    const first = Math.min(from, ...own.map((a) => t(a.startedAt, from)));
    lane.steps.push({
      stepId: s.stepId,
      state: s.state,
      ...bar(first, s.finishedAt ? t(s.finishedAt, now) : now),
      attempts: own.map((a) => {
        const a0 = t(a.startedAt, now);
        const a1 = a.finishedAt
          ? t(a.finishedAt, now)
          : a.durationMs !== null
            ? a0 + a.durationMs
            : now;
        return { attempt: a.attempt, outcome: attemptOutcome(a), status: a.status, ...bar(a0, a1) };
      }),
    });
  }
  return {
    startMs,
    windowMs,
    lanes: [...lanes.values()].filter((l) => l.steps.length > 0),
    ticks: ticksFor(windowMs),
  };
}

/**
 * When each step really started: its first attempt. (A step row's `startedAt` is rewritten
 * by every attempt, so after retries or a resume it is the latest one.)
 */
export function firstAttemptStarts(
  attempts: readonly Pick<AttemptRow, "stepId" | "startedAt">[],
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const a of attempts) {
    const known = out.get(a.stepId);
    if (known === undefined || Date.parse(a.startedAt) < Date.parse(known))
      out.set(a.stepId, a.startedAt);
  }
  return out;
}
