/**
 * The audit log: who did what, when. Append-only (the database ignores UPDATE and DELETE on
 * it, see the executions_and_audit migration).
 */
import { getPrisma } from "../db.ts";
import type { Json } from "./executions.ts";

export interface AuditActor {
  id: string | null;
  name: string;
}

/** The executor acting on its own (start, finish), named by its runner id. */
export const systemActor = (runner: string): AuditActor => ({
  id: null,
  name: `executor ${runner}`,
});

export async function recordAudit(
  actor: AuditActor,
  action: string,
  details: Json = {},
  executionId: string | null = null,
): Promise<void> {
  await getPrisma().auditEvent.create({
    data: { actorId: actor.id, actorName: actor.name, action, executionId, details },
  });
}

export async function listAudit(
  filter: { executionId?: string; actorId?: string; action?: string; since?: Date; until?: Date },
  take = 200,
) {
  return getPrisma().auditEvent.findMany({
    where: {
      executionId: filter.executionId,
      actorId: filter.actorId,
      action: filter.action,
      at: { gte: filter.since, lte: filter.until },
    },
    orderBy: { id: "desc" },
    take,
  });
}
