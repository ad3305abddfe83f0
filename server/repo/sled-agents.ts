import type { Blueprint } from "~/lib/blueprint/model.ts";
import type { SledLedgers } from "~/lib/sled/state.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { getPrisma } from "../db.ts";
import { readBlueprint, readLedgers } from "./json.ts";

export interface SledAgentRecord {
  sledId: string;
  address: string;
  profile: SledAgentProfile;
  ledgered: SledLedgers | null;
  /** When an execution's decommission step marked the sled decommissioned; null: in service. */
  decommissionedAt: Date | null;
}

export async function listSledAgents(rackId: string): Promise<SledAgentRecord[]> {
  const rows = await getPrisma().sledAgent.findMany({
    where: { rackId },
    orderBy: { sledId: "asc" },
  });
  return rows.map((r) => ({
    sledId: r.sledId,
    address: r.address,
    profile: r.profile,
    ledgered: readLedgers(r.ledgered, r.sledId),
    decommissionedAt: r.decommissionedAt,
  }));
}

export async function upsertSledAgent(
  rackId: string,
  sledId: string,
  address: string,
  profile: SledAgentProfile,
): Promise<void> {
  await getPrisma().sledAgent.upsert({
    where: { sledId },
    create: { rackId, sledId, address, profile },
    // Registering an agent again is the operator saying the sled is back in service.
    update: { rackId, address, profile, decommissionedAt: null, decommissionedByExecutionId: null },
  });
}

/**
 * A decommission step: the sled's agent record is marked decommissioned (the first mark
 * stays: re-running the step after a crash changes nothing). Null when the rack has no agent
 * record for the sled, so there is nothing to stop polling.
 */
export async function markSledAgentDecommissioned(
  rackId: string,
  sledId: string,
  executionId: string,
): Promise<{ address: string; decommissionedAt: Date } | null> {
  const prisma = getPrisma();
  await prisma.sledAgent.updateMany({
    where: { rackId, sledId, decommissionedAt: null },
    data: { decommissionedAt: new Date(), decommissionedByExecutionId: executionId },
  });
  const row = await prisma.sledAgent.findFirst({
    where: { rackId, sledId },
    select: { address: true, decommissionedAt: true },
  });
  return row?.decommissionedAt
    ? { address: row.address, decommissionedAt: row.decommissionedAt }
    : null;
}

/** The stored (normalised, immutable) blueprint, or null. */
export async function getBlueprintModel(id: string): Promise<Blueprint | null> {
  const row = await getPrisma().blueprint.findUnique({ where: { id }, select: { json: true } });
  return row ? readBlueprint(row.json, id) : null;
}

export async function getRackCurrent(
  rackId: string,
): Promise<{ id: string; currentBlueprintId: string | null } | null> {
  return getPrisma().rack.findUnique({
    where: { id: rackId },
    select: { id: true, currentBlueprintId: true },
  });
}
