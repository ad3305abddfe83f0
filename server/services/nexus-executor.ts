/**
 * Nexus's execution as the console left it (issue 15; docs/ARCHITECTURE.md "Executing on a
 * Nexus-linked rack"): a `direct` execution disables Nexus's execution of the parent and only
 * re-enables it (with its own target) when it succeeds. After a failure or a cancel it stays
 * disabled, and the rack page says since when and by which execution. Re-enabling is asked by
 * an operator and approved by a second person (lib/execution/can.ts `nexusReenableCan`); the
 * approval enables Nexus's current target (`PUT /deployment/blueprints/target/enabled`).
 */
import { nexusReenableCan } from "~/lib/execution/can.ts";
import { readTarget } from "~/lib/nexus/read.ts";
import type { SessionUser } from "../auth/roles.ts";
import { NexusClient } from "../nexus/client.ts";
import { recordAudit } from "../repo/audit.ts";
import { activeExecution } from "../repo/executions.ts";
import {
  clearNexusExecutorDisabled,
  dropNexusReenable,
  linkedNexusUrls,
  nexusExecutorDisabled,
  requestNexusReenable,
} from "../repo/nexus.ts";
import { getRack } from "../repo/racks.ts";
import { listUsers } from "../repo/users.ts";
import { fail, notFound, ok, type Result } from "./result.ts";

export interface NexusExecutorStatus {
  /** Null: the console has not disabled Nexus's execution of this rack. */
  disabled: {
    since: string;
    byExecutionId: string | null;
    blueprintId: string | null;
    reenable: {
      requestedBy: { id: string; name: string };
      requestedAt: string;
      comment: string;
    } | null;
  } | null;
}

export async function nexusExecutorStatus(rackId: string): Promise<Result<NexusExecutorStatus>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const d = await nexusExecutorDisabled(rackId);
  if (!d) return ok({ disabled: null });
  const names = new Map((await listUsers()).map((u) => [u.id, u.name]));
  return ok({
    disabled: {
      since: d.since.toISOString(),
      byExecutionId: d.byExecutionId,
      blueprintId: d.blueprintId,
      reenable: d.reenable
        ? {
            requestedBy: {
              id: d.reenable.requestedById,
              name: names.get(d.reenable.requestedById) ?? "(unknown user)",
            },
            requestedAt: d.reenable.requestedAt.toISOString(),
            comment: d.reenable.comment,
          }
        : null,
    },
  });
}

export async function requestReenable(
  user: SessionUser,
  input: { rackId: string; comment: string },
): Promise<Result<NexusExecutorStatus>> {
  if (!(await getRack(input.rackId))) return notFound(`rack ${input.rackId}`);
  const d = await nexusExecutorDisabled(input.rackId);
  const may = nexusReenableCan.request(user, {
    disabled: d !== null,
    pending: d?.reenable != null,
    active: await activeExecution(input.rackId),
  });
  if (!may.ok) return fail(may.code, may.reason);
  if (!(await requestNexusReenable(input.rackId, user.id, input.comment)))
    return fail("CONFLICT", "Nexus's execution changed meanwhile; reload and try again");
  await recordAudit(user, "nexus.reenable.request", {
    rackId: input.rackId,
    comment: input.comment,
  });
  return nexusExecutorStatus(input.rackId);
}

export async function decideReenable(
  user: SessionUser,
  input: { rackId: string; decision: "approve" | "reject"; comment: string },
): Promise<Result<NexusExecutorStatus>> {
  if (!(await getRack(input.rackId))) return notFound(`rack ${input.rackId}`);
  const d = await nexusExecutorDisabled(input.rackId);
  const may = nexusReenableCan.decide(
    user,
    {
      requestedById: d?.reenable?.requestedById ?? null,
      active: await activeExecution(input.rackId),
    },
    input.decision,
  );
  if (!may.ok) return fail(may.code, may.reason);
  if (input.decision === "reject") {
    await dropNexusReenable(input.rackId);
  } else {
    const enabled = await enableNexusTarget(input.rackId);
    if (!enabled.ok) return enabled;
    await clearNexusExecutorDisabled(input.rackId);
  }
  await recordAudit(user, `nexus.reenable.${input.decision}`, {
    rackId: input.rackId,
    comment: input.comment,
  });
  return nexusExecutorStatus(input.rackId);
}

/** Nexus's current target, enabled: the first instance that answers does it. */
async function enableNexusTarget(rackId: string): Promise<Result<{ targetId: string }>> {
  const urls = await linkedNexusUrls(rackId);
  if (!urls.length) return fail("CONFLICT", "the rack is no longer linked to Nexus");
  const errors: string[] = [];
  for (const url of urls) {
    const client = new NexusClient({ baseUrl: url });
    try {
      const got = await client.getTarget();
      const t = got.ok ? readTarget(got.body) : null;
      if (!got.ok || !t?.ok) {
        errors.push(`${url}: ${got.ok ? "its target was not understood" : got.failure.message}`);
        continue;
      }
      const targetId = t.value.target_id;
      if (t.value.enabled) return ok({ targetId });
      const put = await client.setTargetEnabled({ target_id: targetId, enabled: true });
      if (put.ok) return ok({ targetId });
      errors.push(`${url}: ${put.failure.message}`);
    } finally {
      client.close();
    }
  }
  return fail("CONFLICT", `Nexus's execution could not be re-enabled: ${errors.join("; ")}`);
}
