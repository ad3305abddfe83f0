/**
 * Policy settings per rack and the policy record of each execution (lib/policy). The rack's
 * settings hold only what differs from the defaults; reading a rack without a row gives the
 * defaults.
 */
import {
  POLICY_IDS,
  POLICY_LEVELS,
  type PolicyId,
  type PolicyLevel,
  type PolicyResult,
} from "~/lib/policy/policies.ts";
import { getPrisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AuditActor } from "./audit.ts";

export interface RackPolicySettings {
  levels: Partial<Record<PolicyId, PolicyLevel>>;
  maxSledsChanged: number | null;
  updatedAt: Date | null;
}

export interface PolicyOverride {
  id: PolicyId;
  reason: string;
  by: string;
  name: string;
  at: string;
}

/** Only known ids with known levels survive a read: a stored typo is never enforced. */
function readLevels(json: unknown): Partial<Record<PolicyId, PolicyLevel>> {
  const out: Partial<Record<PolicyId, PolicyLevel>> = {};
  if (json === null || typeof json !== "object") return out;
  for (const [id, level] of Object.entries(json))
    if (
      (POLICY_IDS as readonly string[]).includes(id) &&
      (POLICY_LEVELS as readonly unknown[]).includes(level)
    )
      out[id as PolicyId] = level as PolicyLevel;
  return out;
}

export async function getRackPolicy(rackId: string): Promise<RackPolicySettings> {
  const row = await getPrisma().rackPolicy.findUnique({ where: { rackId } });
  return {
    levels: readLevels(row?.levels),
    maxSledsChanged: row?.maxSledsChanged ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Replaces the rack's settings and audits the change (before and after) in one transaction. */
export async function setRackPolicy(
  rackId: string,
  settings: { levels: Partial<Record<PolicyId, PolicyLevel>>; maxSledsChanged: number | null },
  actor: AuditActor,
): Promise<RackPolicySettings> {
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.rackPolicy.findUnique({ where: { rackId } });
    const data = {
      levels: settings.levels,
      maxSledsChanged: settings.maxSledsChanged,
      updatedAt: new Date(),
      updatedById: actor.id,
    };
    const row = await tx.rackPolicy.upsert({
      where: { rackId },
      create: { rackId, ...data },
      update: data,
    });
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        actorName: actor.name,
        action: "rack-policy-changed",
        details: {
          rackId,
          before: {
            levels: readLevels(before?.levels),
            maxSledsChanged: before?.maxSledsChanged ?? null,
          },
          after: { levels: settings.levels, maxSledsChanged: settings.maxSledsChanged },
        },
      },
    });
    return {
      levels: readLevels(row.levels),
      maxSledsChanged: row.maxSledsChanged,
      updatedAt: row.updatedAt,
    };
  });
}

export async function getExecutionPolicy(
  executionId: string,
): Promise<{ results: PolicyResult[]; overrides: PolicyOverride[] } | null> {
  const row = await getPrisma().executionPolicy.findUnique({ where: { executionId } });
  if (!row) return null;
  return {
    results: row.results as unknown as PolicyResult[],
    overrides: row.overrides as unknown as PolicyOverride[],
  };
}

export interface PolicyOverrideInput {
  id: PolicyId;
  reason: string;
}

/**
 * An approver's overrides of soft-mandatory failures, appended to the execution's policy
 * record inside the approval's transaction, and audited one by one.
 */
export async function recordPolicyOverrides(
  tx: Prisma.TransactionClient,
  executionId: string,
  actor: AuditActor & { id: string },
  overrides: readonly PolicyOverrideInput[],
): Promise<void> {
  if (overrides.length === 0) return;
  const at = new Date().toISOString();
  const added: PolicyOverride[] = overrides.map((o) => ({
    id: o.id,
    reason: o.reason,
    by: actor.id,
    name: actor.name,
    at,
  }));
  const row = await tx.executionPolicy.findUnique({ where: { executionId } });
  const before = (row?.overrides ?? []) as unknown as PolicyOverride[];
  const overridesJson = [...before, ...added] as unknown as Prisma.InputJsonValue;
  await tx.executionPolicy.upsert({
    where: { executionId },
    create: { executionId, results: [], overrides: overridesJson },
    update: { overrides: overridesJson },
  });
  await tx.auditEvent.createMany({
    data: added.map((o) => ({
      actorId: actor.id,
      actorName: actor.name,
      action: "policy-override",
      executionId,
      details: { policy: o.id, reason: o.reason },
    })),
  });
}
