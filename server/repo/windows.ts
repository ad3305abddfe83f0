/**
 * Maintenance windows (issue 16, lib/policy/windows.ts): a rack's schedule, kept with its
 * policy settings, and an approver's "start now" of one execution. Both audited in the
 * transaction that writes them.
 */
import { scheduleProblems, WEEKDAYS, type WindowSchedule } from "~/lib/policy/windows.ts";
import { getPrisma } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { AuditActor } from "./audit.ts";
import { toJson } from "./json.ts";
import { notifyExecution } from "./notify.ts";

export interface WindowOverride {
  reason: string;
  by: string;
  name: string;
  at: string;
}

/**
 * A stored schedule read back; null when the rack has none; "unreadable" for a stored value
 * that is not a valid schedule (written around the API): the gate then keeps the rack's
 * executions waiting (it fails closed) until an admin sets the windows again.
 */
export type StoredSchedule = WindowSchedule | null | "unreadable";

export function readSchedule(json: unknown): StoredSchedule {
  if (json === null || json === undefined) return null;
  const s = json as Partial<WindowSchedule>;
  const valid =
    typeof s.timeZone === "string" &&
    Array.isArray(s.windows) &&
    s.windows.every(
      (w) =>
        typeof w === "object" &&
        w !== null &&
        Array.isArray(w.days) &&
        w.days.every((d) => (WEEKDAYS as readonly unknown[]).includes(d)) &&
        typeof w.start === "string" &&
        typeof w.end === "string",
    ) &&
    scheduleProblems(s as WindowSchedule).length === 0;
  return valid
    ? { timeZone: s.timeZone as string, windows: s.windows as WindowSchedule["windows"] }
    : "unreadable";
}

export async function getRackWindows(rackId: string): Promise<StoredSchedule> {
  const row = await getPrisma().rackPolicy.findUnique({
    where: { rackId },
    select: { windows: true },
  });
  return readSchedule(row?.windows ?? null);
}

/** Replaces the rack's schedule (null: none) and audits before and after, in one transaction. */
export async function setRackWindows(
  rackId: string,
  schedule: WindowSchedule | null,
  actor: AuditActor,
): Promise<WindowSchedule | null> {
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.rackPolicy.findUnique({ where: { rackId }, select: { windows: true } });
    const data = {
      windows: schedule ? toJson(schedule) : Prisma.DbNull,
      updatedAt: new Date(),
      updatedById: actor.id,
    };
    await tx.rackPolicy.upsert({ where: { rackId }, create: { rackId, ...data }, update: data });
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        actorName: actor.name,
        action: "rack-windows-changed",
        details: toJson({ rackId, before: readSchedule(before?.windows ?? null), after: schedule }),
      },
    });
    return schedule;
  });
}

export function readWindowOverride(json: unknown): WindowOverride | null {
  if (json === null || typeof json !== "object") return null;
  const o = json as Partial<WindowOverride>;
  return typeof o.reason === "string" && typeof o.name === "string" && typeof o.at === "string"
    ? (o as WindowOverride)
    : null;
}

/**
 * Records an approver's start-now on an approved execution that has none yet (conditional:
 * two approvers at once, one wins), with its audit entry and a feed event. False when the
 * execution is no longer approved or already has one.
 */
export async function recordWindowOverride(
  executionId: string,
  actor: AuditActor & { id: string },
  reason: string,
  opensAt: Date | null,
): Promise<boolean> {
  const override: WindowOverride = {
    reason,
    by: actor.id,
    name: actor.name,
    at: new Date().toISOString(),
  };
  return getPrisma().$transaction(async (tx) => {
    const n =
      await tx.$executeRaw`UPDATE "Execution" SET "windowOverride" = ${JSON.stringify(override)}::jsonb
      WHERE "id" = ${executionId}::uuid AND "state" = 'approved' AND "windowOverride" IS NULL`;
    if (n !== 1) return false;
    const details = { reason, opensAt: opensAt?.toISOString() ?? null };
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        actorName: actor.name,
        action: "execution.start-now",
        executionId,
        details,
      },
    });
    await tx.executionEvent.create({
      data: {
        executionId,
        type: "execution.start-now",
        stepId: null,
        data: { ...details, by: actor.name },
      },
    });
    await notifyExecution(executionId, tx); // the live stream: delivered on commit
    return true;
  });
}
