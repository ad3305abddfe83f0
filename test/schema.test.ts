// The first migration gives the tables the first issues rely on, with their constraints.
import { afterAll, describe, expect, it } from "vitest";
import { makePrisma } from "../server/db.ts";

const prisma = makePrisma();
afterAll(() => prisma.$disconnect());

// Other integration test files share the run's database (in parallel): use names and ids of
// our own and never count whole tables.
const BLUEPRINT_ID = "6f1b3a52-0d3e-4c55-9d7e-5d7a3f0b9a01";
const CHILD_ID = "6f1b3a52-0d3e-4c55-9d7e-5d7a3f0b9a02";
const unique = (name: string) => `schema-test-${name}-${process.pid}-${Date.now()}`;

describe("database schema (prisma/migrations)", () => {
  it("runs on a fresh, fully migrated database", async () => {
    const rows = await prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("stores users with several roles and unique names, and cascades their sessions", async () => {
    const name = unique("ada");
    const user = await prisma.user.create({
      data: { name, passwordHash: "x", roles: ["operator", "approver"] },
    });
    expect(user.roles).toEqual(["operator", "approver"]);
    await expect(
      prisma.user.create({ data: { name, passwordHash: "y", roles: [] } }),
    ).rejects.toThrow();
    const sessionId = unique("session");
    await prisma.session.create({
      data: { id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("keeps a rack's blueprints, their parent link and the current blueprint", async () => {
    const rack = await prisma.rack.create({ data: { name: unique("rack") } });
    const common = {
      rackId: rack.id,
      creator: "test",
      comment: "",
      timeCreated: new Date("2025-01-01T00:00:00Z"),
      sledCount: 1,
      diskCount: 10,
      datasetCount: 20,
      zoneCount: 5,
    };
    await prisma.blueprint.create({
      data: { ...common, id: BLUEPRINT_ID, json: { sleds: [] }, source: "import" },
    });
    // The parent need not be stored (an imported blueprint's parent may never be imported).
    await prisma.blueprint.create({
      data: {
        ...common,
        id: CHILD_ID,
        parentId: BLUEPRINT_ID,
        json: { sleds: [] },
        source: "edit",
      },
    });
    await prisma.rack.update({ where: { id: rack.id }, data: { currentBlueprintId: CHILD_ID } });
    const stored = await prisma.rack.findUniqueOrThrow({
      where: { id: rack.id },
      include: { currentBlueprint: true, blueprints: { orderBy: { id: "asc" } } },
    });
    expect(stored.currentBlueprint?.parentId).toBe(BLUEPRINT_ID);
    expect(stored.blueprints.map((b) => b.source)).toEqual(["import", "edit"]);
    expect(stored.blueprints[0]?.json).toEqual({ sleds: [] });
  });
});
