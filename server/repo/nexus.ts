/**
 * A rack's link to its Nexus (issue 14): the instances and what each last answered, the
 * per-rack poller lease, the append-only target history, blueprints stored raw, pruned marks.
 * Every write the poller makes is idempotent (unique keys with ON CONFLICT DO NOTHING, or
 * updates to the same values), so two pollers, two instances or a poll cut short and redone
 * never duplicate a row.
 */
import { getPrisma } from "../db.ts";
import { notifyLive } from "./notify.ts";
import { readIssues, type Json } from "./json.ts";

export interface NexusInstanceRecord {
  url: string;
  reachable: boolean;
  lastPolledAt: Date | null;
  error: string | null;
  era: string | null;
  target: { blueprintId: string; enabled: boolean; timeMadeTarget: Date } | null;
  plannerEnabled: boolean | null;
  /** The last completed run of the planner / executor task (null: never completed; undefined: never read). */
  plannerTask: unknown;
  executorTask: unknown;
  /** The last `GET /deployment/update-status` answer, as it came (null: none yet). */
  updateStatus: unknown;
}

/** Task columns hold `{last: run | null}`, so "never completed" is not a database NULL. */
const taskRun = (column: unknown): unknown =>
  typeof column === "object" && column !== null && "last" in column ? column.last : undefined;

/** Replaces the rack's instances (`[]` unlinks: the lease row goes too). */
export async function setNexusInstances(rackId: string, urls: readonly string[]): Promise<void> {
  const db = getPrisma();
  await db.$transaction([
    db.nexusInstance.deleteMany({ where: { rackId, url: { notIn: [...urls] } } }),
    ...urls.map((url, position) =>
      db.nexusInstance.upsert({
        where: { rackId_url: { rackId, url } },
        create: { rackId, url, position },
        update: { position },
      }),
    ),
    urls.length === 0
      ? db.nexusLink.deleteMany({ where: { rackId } })
      : db.nexusLink.upsert({ where: { rackId }, create: { rackId }, update: {} }),
  ]);
}

export async function listNexusInstances(rackId: string): Promise<NexusInstanceRecord[]> {
  const rows = await getPrisma().nexusInstance.findMany({
    where: { rackId },
    orderBy: { position: "asc" },
  });
  return rows.map((r) => ({
    url: r.url,
    reachable: r.reachable,
    lastPolledAt: r.lastPolledAt,
    error: r.error,
    era: r.era,
    target:
      r.targetBlueprintId && r.targetEnabled !== null && r.targetTimeMadeTarget
        ? {
            blueprintId: r.targetBlueprintId,
            enabled: r.targetEnabled,
            timeMadeTarget: r.targetTimeMadeTarget,
          }
        : null,
    plannerEnabled: r.plannerEnabled,
    plannerTask: taskRun(r.plannerTask),
    executorTask: taskRun(r.executorTask),
    updateStatus: r.updateStatus,
  }));
}

/** The URLs of the Nexus instances the rack is linked to (none: the rack is not linked). */
export async function linkedNexusUrls(rackId: string): Promise<string[]> {
  return (await listNexusInstances(rackId)).map((i) => i.url);
}

export async function getNexusLink(
  rackId: string,
): Promise<{ plannerEnabled: boolean | null } | null> {
  return getPrisma().nexusLink.findUnique({
    where: { rackId },
    select: { plannerEnabled: true },
  });
}

/** Linked racks whose lease is free, lapsed or already `owner`'s. */
export async function racksToPoll(owner: string): Promise<string[]> {
  const rows = await getPrisma().nexusLink.findMany({
    where: {
      OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: new Date() } }, { leaseOwner: owner }],
    },
    select: { rackId: true },
  });
  return rows.map((r) => r.rackId);
}

/** At most one console process polls a rack: a conditional update, as for executions. */
export async function claimNexusLease(
  rackId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const now = new Date();
  const { count } = await getPrisma().nexusLink.updateMany({
    where: {
      rackId,
      OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + ttlMs) },
  });
  return count === 1;
}

export async function releaseNexusLease(rackId: string, owner: string): Promise<void> {
  await getPrisma().nexusLink.updateMany({
    where: { rackId, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

export interface InstancePoll {
  reachable: boolean;
  error: string | null;
  era: string | null;
  target: { blueprintId: string; enabled: boolean; timeMadeTarget: Date } | null;
  plannerEnabled: boolean | null;
  updateStatus: unknown;
  /** undefined: not read this round (the stored one stays). */
  plannerTask?: unknown;
  executorTask?: unknown;
}

/** What one instance answered in this round (a removed instance is not brought back). */
export async function recordInstancePoll(
  rackId: string,
  url: string,
  p: InstancePoll,
): Promise<void> {
  await getPrisma().nexusInstance.updateMany({
    where: { rackId, url },
    data: {
      reachable: p.reachable,
      error: p.error,
      // An instance that did not answer keeps the era it last answered in.
      ...(p.era !== null && { era: p.era }),
      lastPolledAt: new Date(),
      // A failed poll keeps what the instance said last, so the disagreement view stays.
      ...(p.target && {
        targetBlueprintId: p.target.blueprintId,
        targetEnabled: p.target.enabled,
        targetTimeMadeTarget: p.target.timeMadeTarget,
      }),
      ...(p.plannerEnabled !== null && { plannerEnabled: p.plannerEnabled }),
      ...(p.updateStatus !== undefined && { updateStatus: p.updateStatus as Json }),
      ...(p.plannerTask !== undefined && { plannerTask: { last: p.plannerTask } }),
      ...(p.executorTask !== undefined && { executorTask: { last: p.executorTask } }),
    },
  });
}

export async function setLinkPlannerEnabled(rackId: string, enabled: boolean): Promise<void> {
  await getPrisma().nexusLink.updateMany({
    where: { rackId },
    data: { plannerEnabled: enabled, updatedAt: new Date() },
  });
}

/** Of `ids`, those the console already holds (read, or raw). */
export async function storedBlueprintIds(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const db = getPrisma();
  const [read, raw] = await Promise.all([
    db.blueprint.findMany({ where: { id: { in: [...ids] } }, select: { id: true } }),
    db.nexusRawBlueprint.findMany({ where: { id: { in: [...ids] } }, select: { id: true } }),
  ]);
  return new Set([...read, ...raw].map((r) => r.id));
}

export interface RawBlueprintInput {
  id: string;
  rackId: string;
  parentId: string | null;
  raw: unknown;
  issues: { path: string; message: string }[];
  era: string;
  comment: string;
  timeCreated: Date | null;
}

export async function insertRawBlueprint(b: RawBlueprintInput): Promise<boolean> {
  const { count } = await getPrisma().nexusRawBlueprint.createMany({
    data: [{ ...b, raw: b.raw as Json, issues: b.issues }],
    skipDuplicates: true,
  });
  if (count === 1) await notifyLive({ kind: "blueprint", rackId: b.rackId, blueprintId: b.id });
  return count === 1;
}

export interface RawBlueprintRecord extends RawBlueprintInput {
  fetchedAt: Date;
}

export async function listRawBlueprints(rackId: string): Promise<RawBlueprintRecord[]> {
  const rows = await getPrisma().nexusRawBlueprint.findMany({
    where: { rackId },
    orderBy: { fetchedAt: "desc" },
  });
  return rows.map((r) => ({ ...r, issues: readIssues(r.issues, r.id) }));
}

export async function getRawBlueprint(id: string): Promise<RawBlueprintRecord | null> {
  const r = await getPrisma().nexusRawBlueprint.findUnique({ where: { id } });
  return r ? { ...r, issues: readIssues(r.issues, r.id) } : null;
}

export interface TargetChange {
  blueprintId: string;
  enabled: boolean;
  timeMadeTarget: Date;
}

/** Appends a change once, whoever reports it (the unique key); true when this call added it. */
export async function appendTargetChange(
  rackId: string,
  change: TargetChange,
  reportedBy: string,
): Promise<boolean> {
  const { count } = await getPrisma().nexusTargetChange.createMany({
    data: [{ rackId, ...change, reportedBy }],
    skipDuplicates: true,
  });
  if (count === 1) await notifyLive({ kind: "target", rackId, blueprintId: change.blueprintId });
  return count === 1;
}

export interface TargetChangeRecord extends TargetChange {
  id: bigint;
  reportedBy: string;
  observedAt: Date;
}

/** Newest first; `before` is an id from a previous page. */
export async function listTargetHistory(
  rackId: string,
  limit: number,
  before?: bigint,
): Promise<TargetChangeRecord[]> {
  return getPrisma().nexusTargetChange.findMany({
    where: { rackId, ...(before !== undefined && { id: { lt: before } }) },
    orderBy: { id: "desc" },
    take: limit,
  });
}

export interface BlueprintParent {
  parentId: string | null;
  /** Stored raw: the console could not read it. */
  raw: boolean;
}

/** The parent of each of these blueprints the console stored, read or raw (the timeline's diff links). */
export async function blueprintParents(
  ids: readonly string[],
): Promise<Map<string, BlueprintParent>> {
  const db = getPrisma();
  const where = { id: { in: [...ids] } };
  const select = { id: true, parentId: true };
  const [read, raw] = await Promise.all([
    db.blueprint.findMany({ where, select }),
    db.nexusRawBlueprint.findMany({ where, select }),
  ]);
  return new Map<string, BlueprintParent>([
    ...read.map((b) => [b.id, { parentId: b.parentId, raw: false }] as const),
    ...raw.map((b) => [b.id, { parentId: b.parentId, raw: true }] as const),
  ]);
}

/** Nexus blueprints (read or raw) of the rack; the poller marks the vanished ones pruned. */
export async function nexusBlueprintIds(rackId: string): Promise<string[]> {
  const db = getPrisma();
  const [read, raw] = await Promise.all([
    db.blueprint.findMany({ where: { rackId, source: "nexus" }, select: { id: true } }),
    db.nexusRawBlueprint.findMany({ where: { rackId }, select: { id: true } }),
  ]);
  return [...read, ...raw].map((r) => r.id);
}

export async function markPruned(rackId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await getPrisma().prunedBlueprint.createMany({
    data: ids.map((blueprintId) => ({ rackId, blueprintId })),
    skipDuplicates: true,
  });
  return count;
}

export async function prunedBlueprintIds(rackId: string): Promise<Set<string>> {
  const rows = await getPrisma().prunedBlueprint.findMany({
    where: { rackId },
    select: { blueprintId: true },
  });
  return new Set(rows.map((r) => r.blueprintId));
}

/**
 * A linked rack's current blueprint follows Nexus's target, when the console has read it
 * (a raw blueprint has no row and is never current). False when nothing changed.
 */
export async function followTarget(rackId: string, blueprintId: string): Promise<boolean> {
  const db = getPrisma();
  const bp = await db.blueprint.findUnique({
    where: { id: blueprintId },
    select: { rackId: true },
  });
  if (bp?.rackId !== rackId) return false;
  const { count } = await db.rack.updateMany({
    where: {
      id: rackId,
      OR: [{ currentBlueprintId: null }, { NOT: { currentBlueprintId: blueprintId } }],
    },
    data: { currentBlueprintId: blueprintId },
  });
  if (count === 1) await notifyLive({ kind: "target", rackId, blueprintId });
  return count === 1;
}

/** Of `ids`, the raw ones and the era each was read as. */
export async function rawBlueprintEras(ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await getPrisma().nexusRawBlueprint.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, era: true },
  });
  return new Map(rows.map((r) => [r.id, r.era]));
}

export interface PlanningReportInput {
  rackId: string;
  parentBlueprintId: string;
  contentHash: string;
  blueprintId: string | null;
  outcome: string;
  plannerError: string | null;
  report: unknown;
  reportedBy: string;
  plannedAt: Date | null;
}

export interface PlanningReportRecord extends PlanningReportInput {
  id: bigint;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * Stores a planning report once per (rack, parent, content), whoever saw it first; seen again,
 * only `lastSeenAt` moves (and a blueprint id learnt later is filled in). True when this call
 * added the row.
 */
export async function recordPlanningReport(r: PlanningReportInput): Promise<boolean> {
  const db = getPrisma();
  const { count } = await db.nexusPlanningReport.createMany({
    data: [{ ...r, report: r.report as Json }],
    skipDuplicates: true,
  });
  if (count === 1) return true;
  const key = {
    rackId: r.rackId,
    parentBlueprintId: r.parentBlueprintId,
    contentHash: r.contentHash,
  };
  await db.nexusPlanningReport.updateMany({ where: key, data: { lastSeenAt: new Date() } });
  if (r.blueprintId)
    await db.nexusPlanningReport.updateMany({
      where: { ...key, blueprintId: null },
      data: { blueprintId: r.blueprintId },
    });
  return false;
}

/** Newest (last seen) first; `blueprintId`: only the report of that blueprint. */
export async function listPlanningReports(
  rackId: string,
  limit: number,
  blueprintId?: string,
): Promise<PlanningReportRecord[]> {
  return getPrisma().nexusPlanningReport.findMany({
    where: { rackId, ...(blueprintId !== undefined && { blueprintId }) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/** Comment and parent of each of `ids` the console holds (read or raw). */
export async function blueprintFacts(
  ids: readonly string[],
): Promise<Map<string, { comment: string; parentId: string | null }>> {
  if (ids.length === 0) return new Map();
  const db = getPrisma();
  const select = { id: true, comment: true, parentId: true } as const;
  const [read, raw] = await Promise.all([
    db.blueprint.findMany({ where: { id: { in: [...ids] } }, select }),
    db.nexusRawBlueprint.findMany({ where: { id: { in: [...ids] } }, select }),
  ]);
  return new Map(
    [...raw, ...read].map((r) => [r.id, { comment: r.comment, parentId: r.parentId }]),
  );
}

/**
 * Nexus's execution as a `direct` execution left it (issue 15): disabled since when, by which
 * execution, of which target; and a pending request to re-enable it. Null: not disabled by the
 * console (or the rack is not linked).
 */
export interface NexusExecutorDisabled {
  since: Date;
  byExecutionId: string | null;
  blueprintId: string | null;
  reenable: { requestedById: string; requestedAt: Date; comment: string } | null;
}

export async function nexusExecutorDisabled(rackId: string): Promise<NexusExecutorDisabled | null> {
  const r = await getPrisma().nexusLink.findUnique({ where: { rackId } });
  if (!r?.executorDisabledAt) return null;
  return {
    since: r.executorDisabledAt,
    byExecutionId: r.executorDisabledByExecutionId,
    blueprintId: r.executorDisabledBlueprintId,
    reenable:
      r.reenableRequestedById && r.reenableRequestedAt
        ? {
            requestedById: r.reenableRequestedById,
            requestedAt: r.reenableRequestedAt,
            comment: r.reenableComment ?? "",
          }
        : null,
  };
}

/**
 * Written before the call that disables Nexus's execution, so a crash between the two never
 * leaves it disabled without the rack page saying so; kept (with its first time) when the call
 * is repeated after a crash.
 */
export async function markNexusExecutorDisabled(
  rackId: string,
  executionId: string,
  blueprintId: string,
): Promise<void> {
  await getPrisma().nexusLink.updateMany({
    where: {
      rackId,
      OR: [
        { executorDisabledByExecutionId: null },
        { executorDisabledByExecutionId: { not: executionId } },
      ],
    },
    data: {
      executorDisabledAt: new Date(),
      executorDisabledByExecutionId: executionId,
      executorDisabledBlueprintId: blueprintId,
      reenableRequestedById: null,
      reenableRequestedAt: null,
      reenableComment: null,
    },
  });
}

/** Nexus executes again (handed back, or re-enabled): the mark goes, with any pending request. */
export async function clearNexusExecutorDisabled(rackId: string): Promise<void> {
  await getPrisma().nexusLink.updateMany({
    where: { rackId },
    data: {
      executorDisabledAt: null,
      executorDisabledByExecutionId: null,
      executorDisabledBlueprintId: null,
      reenableRequestedById: null,
      reenableRequestedAt: null,
      reenableComment: null,
    },
  });
}

/** A request to re-enable; false when nothing is disabled (or one is already pending). */
export async function requestNexusReenable(
  rackId: string,
  userId: string,
  comment: string,
): Promise<boolean> {
  const { count } = await getPrisma().nexusLink.updateMany({
    where: { rackId, executorDisabledAt: { not: null }, reenableRequestedById: null },
    data: {
      reenableRequestedById: userId,
      reenableRequestedAt: new Date(),
      reenableComment: comment,
    },
  });
  return count === 1;
}

/** Withdraws or refuses a pending request to re-enable (it stays disabled). */
export async function dropNexusReenable(rackId: string): Promise<void> {
  await getPrisma().nexusLink.updateMany({
    where: { rackId },
    data: { reenableRequestedById: null, reenableRequestedAt: null, reenableComment: null },
  });
}
