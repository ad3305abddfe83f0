/**
 * Racks: the rack's name, its current blueprint and its sled agents.
 */
import { getPrisma } from "../db.ts";
import { notifyLive } from "./notify.ts";

export interface RackRecord {
  id: string;
  name: string;
  currentBlueprintId: string | null;
  createdAt: Date;
  sledAgentCount: number;
  blueprintCount: number;
}

const rackSelect = {
  id: true,
  name: true,
  currentBlueprintId: true,
  createdAt: true,
  _count: { select: { sledAgents: true, blueprints: true } },
} as const;

type RackRow = {
  id: string;
  name: string;
  currentBlueprintId: string | null;
  createdAt: Date;
  _count: { sledAgents: number; blueprints: number };
};

const toRecord = (r: RackRow): RackRecord => ({
  id: r.id,
  name: r.name,
  currentBlueprintId: r.currentBlueprintId,
  createdAt: r.createdAt,
  sledAgentCount: r._count.sledAgents,
  blueprintCount: r._count.blueprints,
});

export async function listRacks(): Promise<RackRecord[]> {
  return (await getPrisma().rack.findMany({ select: rackSelect, orderBy: { name: "asc" } })).map(
    toRecord,
  );
}

export async function getRack(id: string): Promise<RackRecord | null> {
  const row = await getPrisma().rack.findUnique({ where: { id }, select: rackSelect });
  return row ? toRecord(row) : null;
}

export async function findRackByName(name: string): Promise<RackRecord | null> {
  const row = await getPrisma().rack.findUnique({ where: { name }, select: rackSelect });
  return row ? toRecord(row) : null;
}

export async function ensureRack(name: string): Promise<RackRecord> {
  const row = await getPrisma().rack.upsert({
    where: { name },
    create: { name },
    update: {},
    select: rackSelect,
  });
  return toRecord(row);
}

/**
 * Makes `blueprintId` current only while the rack has none, so a first import (or the demo
 * seed) sets it and nothing later overrides what an execution made current.
 */
export async function setCurrentBlueprintIfUnset(
  rackId: string,
  blueprintId: string,
): Promise<boolean> {
  const { count } = await getPrisma().rack.updateMany({
    where: { id: rackId, currentBlueprintId: null },
    data: { currentBlueprintId: blueprintId },
  });
  if (count === 1) await notifyLive({ kind: "target", rackId, blueprintId });
  return count === 1;
}

/** The rack a sled's agent is registered in, or null when it is not registered. */
export async function findSledAgentRack(sledId: string): Promise<string | null> {
  const row = await getPrisma().sledAgent.findUnique({
    where: { sledId },
    select: { rackId: true },
  });
  return row?.rackId ?? null;
}

/** A new, empty rack; null when the name is taken. */
export async function createRack(name: string): Promise<RackRecord | null> {
  if (await findRackByName(name)) return null;
  try {
    return toRecord(await getPrisma().rack.create({ data: { name }, select: rackSelect }));
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return null; // created meanwhile (unique name)
    throw e;
  }
}
