/**
 * Stored blueprints. Rows are inserted once and never updated (there is no update function
 * here on purpose: an edit is a new child blueprint).
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import type { BlueprintCounts } from "~/lib/rack/counts.ts";
import { getPrisma } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { readBlueprint, toJson } from "./json.ts";
import { notifyLive } from "./notify.ts";

export type BlueprintSource = "import" | "example" | "edit" | "nexus";

export interface BlueprintRecord {
  id: string;
  rackId: string;
  parentId: string | null;
  source: BlueprintSource;
  creator: string;
  comment: string;
  timeCreated: Date;
  importedAt: Date;
  counts: BlueprintCounts;
}

const summarySelect = {
  id: true,
  rackId: true,
  parentId: true,
  source: true,
  creator: true,
  comment: true,
  timeCreated: true,
  importedAt: true,
  sledCount: true,
  diskCount: true,
  datasetCount: true,
  zoneCount: true,
} as const;

type SummaryRow = Omit<BlueprintRecord, "counts"> & {
  sledCount: number;
  diskCount: number;
  datasetCount: number;
  zoneCount: number;
};

function toRecord(r: SummaryRow): BlueprintRecord {
  const { sledCount, diskCount, datasetCount, zoneCount, ...rest } = r;
  return {
    ...rest,
    counts: { sleds: sledCount, disks: diskCount, datasets: datasetCount, zones: zoneCount },
  };
}

/** The rack's blueprints, newest first. */
export async function listBlueprints(rackId: string): Promise<BlueprintRecord[]> {
  const rows = await getPrisma().blueprint.findMany({
    where: { rackId },
    select: summarySelect,
    orderBy: [{ timeCreated: "desc" }, { importedAt: "desc" }],
  });
  return rows.map(toRecord);
}

export async function getBlueprint(id: string): Promise<BlueprintRecord | null> {
  const row = await getPrisma().blueprint.findUnique({ where: { id }, select: summarySelect });
  return row ? toRecord(row) : null;
}

/** Summary and the stored model together (one read). */
export async function getBlueprintWithModel(
  id: string,
): Promise<{ record: BlueprintRecord; model: Blueprint } | null> {
  const row = await getPrisma().blueprint.findUnique({
    where: { id },
    select: { ...summarySelect, json: true },
  });
  if (!row) return null;
  const { json, ...summary } = row;
  return { record: toRecord(summary), model: readBlueprint(json, summary.id) };
}

export type InsertResult =
  { ok: true; record: BlueprintRecord } | { ok: false; existing: { id: string; rackId: string } };

/** A raw query's unique violation (SQLSTATE 23505), as Prisma's pg adapter reports it. */
function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === "P2002") return true;
  const cause = (err.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)
    ?.cause;
  return err.code === "P2010" && cause?.originalCode === "23505";
}

/** Inserts a blueprint; an id already stored comes back as a value (also when two inserts race). */
export async function insertBlueprint(input: {
  rackId: string;
  model: Blueprint;
  source: BlueprintSource;
  creator: string;
  comment: string;
  timeCreated: Date;
  counts: BlueprintCounts;
}): Promise<InsertResult> {
  const { model, counts } = input;
  // Raw SQL, the model sent as one JSON text: Prisma's create walks a Json value node by node
  // to build its query (about 1 s for a 1,000-sled blueprint, 10× JSON.stringify of it).
  let inserted: { id: string }[];
  try {
    inserted = await getPrisma().$queryRaw<{ id: string }[]>`
    INSERT INTO "Blueprint" ("id", "rackId", "parentId", "json", "source", "creator", "comment",
      "timeCreated", "sledCount", "diskCount", "datasetCount", "zoneCount")
    VALUES (${model.id}::uuid, ${input.rackId}::uuid, ${model.parentId}::uuid,
      ${JSON.stringify(toJson(model))}::jsonb, ${input.source}::"BlueprintSource",
      ${input.creator}, ${input.comment}, ${input.timeCreated.toISOString()}::timestamptz,
      ${counts.sleds}, ${counts.disks}, ${counts.datasets}, ${counts.zones})
    RETURNING "id"`;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    inserted = [];
  }
  if (inserted.length > 0) {
    const row = await getPrisma().blueprint.findUniqueOrThrow({
      where: { id: model.id },
      select: summarySelect,
    });
    await notifyLive({ kind: "blueprint", rackId: input.rackId, blueprintId: model.id });
    return { ok: true, record: toRecord(row) };
  }
  // An id already stored (also when two inserts race).
  const existing = await getPrisma().blueprint.findUnique({
    where: { id: model.id },
    select: { id: true, rackId: true },
  });
  if (!existing) throw new Error(`blueprint ${model.id} was neither inserted nor found`);
  return { ok: false, existing };
}

export async function countBlueprintRows(): Promise<number> {
  return getPrisma().blueprint.count();
}
