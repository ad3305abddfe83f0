/**
 * "Why is it waiting?" (issue 19): what a linked rack's Nexus is doing, from what the poller
 * stored — the target and the last targets with their comments, each instance's planner and
 * executor task status in words (lib/nexus/planner-report.ts), where instances disagree, the
 * current planning report, the stored reports, and whether the rack looks stalled: no target
 * change for longer than `STALL_AFTER_MS` while the planner says it is waiting (on what).
 */
import {
  readExecutorStatus,
  readPlannerStatus,
  readPlanningReport,
  type ExecutorStatus,
  type PlannerStatus,
  type PlanningReportRead,
  type ReportBlocker,
} from "~/lib/nexus/planner-report.ts";
import { stallAfterMs } from "../env.ts";
import {
  blueprintFacts,
  getNexusLink,
  listNexusInstances,
  listPlanningReports,
  listTargetHistory,
  type PlanningReportRecord,
} from "../repo/nexus.ts";
import { getRack } from "../repo/racks.ts";
import { notFound, ok, type Result } from "./result.ts";

export interface TaskRunInfo {
  iteration: number;
  startTime: string;
  reason: string;
  elapsedMs: number;
}

export interface InstanceActivity {
  url: string;
  reachable: boolean;
  lastPolledAt: string | null;
  error: string | null;
  target: { blueprintId: string; enabled: boolean; timeMadeTarget: string } | null;
  /** null run: the task never completed; null status too: never read (e.g. January 2025's era). */
  planner: { run: TaskRunInfo | null; status: PlannerStatus | null } | null;
  executor: { run: TaskRunInfo | null; status: ExecutorStatus | null } | null;
  /** `GET /deployment/update-status` as it came (zones and host OS per sled, MGS-driven updates). */
  updateStatus: unknown;
}

export interface StoredReport {
  id: string;
  parentBlueprintId: string | null;
  blueprintId: string | null;
  outcome: string;
  plannerError: string | null;
  reportedBy: string;
  plannedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  report: PlanningReportRead;
}

export interface CurrentReport {
  /** `planner-task`: an instance's latest planner run; `stored`: the newest stored report. */
  from: "planner-task" | "stored";
  instance: string | null;
  outcome: string;
  parentBlueprintId: string | null;
  blueprintId: string | null;
  at: string | null;
  report: PlanningReportRead;
}

export interface RackActivity {
  rackId: string;
  linked: boolean;
  plannerEnabled: boolean | null;
  target: {
    blueprintId: string;
    enabled: boolean;
    timeMadeTarget: string;
    comment: string | null;
  } | null;
  recentTargets: Array<{
    blueprintId: string;
    enabled: boolean;
    timeMadeTarget: string;
    observedAt: string;
    reportedBy: string;
    comment: string | null;
    parentId: string | null;
  }>;
  instances: InstanceActivity[];
  /** Sentences: instances that report different targets, executors realizing different targets, … */
  disagreements: string[];
  currentReport: CurrentReport | null;
  stall: {
    stalled: boolean;
    stallAfterMs: number;
    lastTargetChangeAt: string | null;
    sinceTargetChangeMs: number | null;
    /** What the planner says it waits on (the current report's blockers). */
    waitingOn: ReportBlocker[];
    /** The planner's own trouble, when its latest status is an error, the blueprint limit, a refused target, … */
    plannerProblem: string | null;
    /** One sentence for the warning, null when not stalled. */
    message: string | null;
  };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

function runOf(v: unknown): { run: TaskRunInfo; details: unknown } | null {
  if (typeof v !== "object" || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.iteration !== "number" || typeof r.startTime !== "string") return null;
  return {
    run: {
      iteration: r.iteration,
      startTime: r.startTime,
      reason: typeof r.reason === "string" ? r.reason : "",
      elapsedMs: typeof r.elapsedMs === "number" ? r.elapsedMs : 0,
    },
    details: r.details,
  };
}

function task<S>(column: unknown, read: (details: unknown) => S) {
  if (column === undefined) return null;
  const r = runOf(column);
  return r ? { run: r.run, status: read(r.details) } : { run: null, status: null };
}

export function storedReportDto(r: PlanningReportRecord): StoredReport {
  return {
    id: r.id.toString(),
    parentBlueprintId: r.parentBlueprintId || null,
    blueprintId: r.blueprintId,
    outcome: r.outcome,
    plannerError: r.plannerError,
    reportedBy: r.reportedBy,
    plannedAt: iso(r.plannedAt),
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    report: readPlanningReport(r.report),
  };
}

/** The stored reports of a rack, newest first (`blueprintId`: the one of that blueprint). */
export async function plannerReports(
  rackId: string,
  limit: number,
  blueprintId?: string,
): Promise<Result<StoredReport[]>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  return ok((await listPlanningReports(rackId, limit, blueprintId)).map(storedReportDto));
}

/** Planner statuses that hold a rack still by themselves (a disabled planner is a choice, not a stall). */
const PROBLEM: Partial<Record<PlannerStatus["kind"], true>> = {
  error: true,
  limit_reached: true,
  planned: true,
  not_understood: true,
};

export async function rackActivity(
  rackId: string,
  opts: { now?: Date; targets?: number; stallAfterMs?: number } = {},
): Promise<Result<RackActivity>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const now = opts.now ?? new Date();
  const stallAfter = opts.stallAfterMs ?? stallAfterMs();
  const [rows, link, history, stored] = await Promise.all([
    listNexusInstances(rackId),
    getNexusLink(rackId),
    listTargetHistory(rackId, opts.targets ?? 10),
    listPlanningReports(rackId, 1),
  ]);
  const facts = await blueprintFacts([
    ...new Set([
      ...history.map((h) => h.blueprintId),
      ...rows.flatMap((r) => (r.target ? [r.target.blueprintId] : [])),
    ]),
  ]);
  const instances: InstanceActivity[] = rows.map((r) => ({
    url: r.url,
    reachable: r.reachable,
    lastPolledAt: iso(r.lastPolledAt),
    error: r.error,
    target: r.target && { ...r.target, timeMadeTarget: r.target.timeMadeTarget.toISOString() },
    planner: task(r.plannerTask, readPlannerStatus),
    executor: task(r.executorTask, readExecutorStatus),
    updateStatus: r.updateStatus,
  }));

  const targets = rows.flatMap((r) => (r.target ? [r.target] : []));
  const newest = [...targets].sort(
    (a, b) => b.timeMadeTarget.getTime() - a.timeMadeTarget.getTime(),
  )[0];
  const disagreements = disagreementsOf(instances);

  // The newest planner run of any instance; its report, or else the newest stored one.
  const latest = instances
    .flatMap((i) => (i.planner?.run && i.planner.status ? [{ i, p: i.planner }] : []))
    .sort((a, b) => Date.parse(b.p.run?.startTime ?? "") - Date.parse(a.p.run?.startTime ?? ""))[0];
  const status = latest?.p.status ?? null;
  let currentReport: CurrentReport | null = null;
  if (latest && status && "report" in status)
    currentReport = {
      from: "planner-task",
      instance: latest.i.url,
      outcome: status.kind,
      parentBlueprintId: "parentBlueprintId" in status ? status.parentBlueprintId : null,
      blueprintId: status.kind === "targeted" ? status.blueprintId : null,
      at: latest.p.run?.startTime ?? null,
      report: status.report,
    };
  else if (stored[0]) {
    const s = storedReportDto(stored[0]);
    currentReport = {
      from: "stored",
      instance: s.reportedBy === "blueprint" ? null : s.reportedBy,
      outcome: s.outcome,
      parentBlueprintId: s.parentBlueprintId,
      blueprintId: s.blueprintId,
      at: s.plannedAt ?? s.lastSeenAt,
      report: s.report,
    };
  }

  const lastChange = history[0]?.timeMadeTarget ?? newest?.timeMadeTarget ?? null;
  const since = lastChange ? Math.max(0, now.getTime() - lastChange.getTime()) : null;
  // A stored report speaks for the planner only when no instance's planner status is known
  // (a planner now disabled or failing is not waiting on the blockers of its last report).
  const waitingOn =
    currentReport?.report.ok && (currentReport.from === "planner-task" || status === null)
      ? currentReport.report.summary.blockers
      : [];
  const plannerProblem = status && PROBLEM[status.kind] ? status.text : null;
  const stalled =
    rows.length > 0 &&
    since !== null &&
    since > stallAfter &&
    (waitingOn.length > 0 || plannerProblem !== null);
  const minutes = since === null ? 0 : Math.floor(since / 60_000);
  const message = !stalled
    ? null
    : `No target change for ${minutes} min (more than ${Math.round(stallAfter / 60_000)} min): ${
        waitingOn.length > 0
          ? `the planner is waiting on ${[...new Set(waitingOn.map((b) => b.text))].join("; ")}`
          : (plannerProblem ?? "")
      }`;

  const targetFacts = newest ? facts.get(newest.blueprintId) : undefined;
  return ok({
    rackId,
    linked: rows.length > 0,
    plannerEnabled: link?.plannerEnabled ?? null,
    target: newest
      ? {
          blueprintId: newest.blueprintId,
          enabled: newest.enabled,
          timeMadeTarget: newest.timeMadeTarget.toISOString(),
          comment: targetFacts?.comment ?? null,
        }
      : null,
    recentTargets: history.map((h) => ({
      blueprintId: h.blueprintId,
      enabled: h.enabled,
      timeMadeTarget: h.timeMadeTarget.toISOString(),
      observedAt: h.observedAt.toISOString(),
      reportedBy: h.reportedBy,
      comment: facts.get(h.blueprintId)?.comment ?? null,
      parentId: facts.get(h.blueprintId)?.parentId ?? null,
    })),
    instances,
    disagreements,
    currentReport,
    stall: {
      stalled,
      stallAfterMs: stallAfter,
      lastTargetChangeAt: iso(lastChange),
      sinceTargetChangeMs: since,
      waitingOn,
      plannerProblem,
      message,
    },
  });
}

/**
 * Where the instances that answered do not agree: their targets, their executors' targets, an
 * executor failing where others succeed. (Planner outcomes are not compared: each instance
 * plans on its own schedule, so one `Targeted` beside another's `Unchanged` is normal.)
 */
export function disagreementsOf(instances: readonly InstanceActivity[]): string[] {
  const out: string[] = [];
  const up = instances.filter((i) => i.reachable);
  const group = (key: (i: InstanceActivity) => string | null) => {
    const m = new Map<string, string[]>();
    for (const i of up) {
      const k = key(i);
      if (k !== null) m.set(k, [...(m.get(k) ?? []), i.url]);
    }
    return m;
  };
  const targets = group((i) =>
    i.target ? `${i.target.blueprintId} (enabled: ${i.target.enabled})` : null,
  );
  if (targets.size > 1)
    out.push(
      `Instances report different targets: ${[...targets].map(([t, urls]) => `${urls.join(", ")} → ${t}`).join("; ")}`,
    );
  const executed = group((i) => {
    const s = i.executor?.status;
    return s && (s.kind === "ran" || s.kind === "disabled") ? s.targetId : null;
  });
  if (executed.size > 1)
    out.push(
      `Executors last realized different targets: ${[...executed].map(([t, urls]) => `${urls.join(", ")} → ${t}`).join("; ")}`,
    );
  const failing = up.filter((i) => i.executor?.status?.kind === "ran" && !i.executor.status.ok);
  if (failing.length > 0 && failing.length < up.length)
    out.push(`Execution fails on ${failing.map((i) => i.url).join(", ")} only`);
  return out;
}
