/**
 * At most one process drives an execution at a time: a lease row in Postgres (owner +
 * expiry) taken with a conditional update. Another process takes over once it lapses.
 */
import { getPrisma } from "../db.ts";

export async function claimLease(
  executionId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const now = new Date();
  const res = await getPrisma().execution.updateMany({
    where: {
      id: executionId,
      state: { in: ["approved", "running"] },
      OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + ttlMs) },
  });
  return res.count === 1;
}

/** Extends the lease; false when another process took it (the caller must stop). */
export async function renewLease(
  executionId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const res = await getPrisma().execution.updateMany({
    where: { id: executionId, leaseOwner: owner },
    data: { leaseExpiresAt: new Date(Date.now() + ttlMs) },
  });
  return res.count === 1;
}

export async function releaseLease(executionId: string, owner: string): Promise<void> {
  await getPrisma().execution.updateMany({
    where: { id: executionId, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Limits a supervisor to some racks or executions (tests, a dedicated worker). */
export interface DriverScope {
  rackIds?: string[];
  executionIds?: string[];
}

/** Executions that need a driver: approved or running, with no live lease. */
export async function executionsNeedingDriver(scope: DriverScope = {}): Promise<string[]> {
  const rows = await getPrisma().execution.findMany({
    where: {
      state: { in: ["approved", "running"] },
      OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: new Date() } }],
      ...(scope.rackIds ? { rackId: { in: scope.rackIds } } : {}),
      ...(scope.executionIds ? { id: { in: scope.executionIds } } : {}),
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.id);
}
