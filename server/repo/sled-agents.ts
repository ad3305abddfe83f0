import type { Blueprint } from "../../lib/blueprint/model.ts";
import type { SledLedgers } from "../../lib/sled/state.ts";
import type { SledAgentProfile } from "../../lib/wire/types.ts";
import { getPrisma } from "../db.ts";

export interface SledAgentRecord {
  sledId: string;
  address: string;
  profile: SledAgentProfile;
  ledgered: SledLedgers | null;
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
    ledgered: (r.ledgered as SledLedgers | null) ?? null,
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
    update: { rackId, address, profile },
  });
}

/** The stored (normalised, immutable) blueprint, or null. */
export async function getBlueprintModel(id: string): Promise<Blueprint | null> {
  const row = await getPrisma().blueprint.findUnique({ where: { id }, select: { json: true } });
  return row ? (row.json as unknown as Blueprint) : null; // stored from a parsed Blueprint only
}

export async function getRackCurrent(
  rackId: string,
): Promise<{ id: string; currentBlueprintId: string | null } | null> {
  return getPrisma().rack.findUnique({
    where: { id: rackId },
    select: { id: true, currentBlueprintId: true },
  });
}
