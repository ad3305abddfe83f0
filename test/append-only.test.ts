/** The database itself keeps the audit log append-only and stored blueprints unchanged. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { getPrisma } from "../server/db";

it("ignores UPDATE and DELETE of audit events", async () => {
  const prisma = getPrisma();
  const action = `test-${randomUUID()}`;
  const row = await prisma.auditEvent.create({ data: { actorName: "tester", action } });
  await prisma.auditEvent.updateMany({ where: { id: row.id }, data: { action: "rewritten" } });
  await prisma.auditEvent.deleteMany({ where: { id: row.id } });
  expect(await prisma.auditEvent.findUnique({ where: { id: row.id } })).toMatchObject({
    action,
    actorName: "tester",
  });
});

it("ignores UPDATE of a stored blueprint", async () => {
  const prisma = getPrisma();
  const rack = await prisma.rack.create({ data: { name: `rack-${randomUUID()}` } });
  const id = randomUUID();
  await prisma.blueprint.create({
    data: {
      id,
      rackId: rack.id,
      json: { id },
      source: "import",
      creator: "c",
      comment: "original",
      timeCreated: new Date(),
      sledCount: 0,
      diskCount: 0,
      datasetCount: 0,
      zoneCount: 0,
    },
  });
  await prisma.blueprint.updateMany({
    where: { id },
    data: { comment: "rewritten", json: { tampered: true } },
  });
  expect(await prisma.blueprint.findUnique({ where: { id } })).toMatchObject({
    comment: "original",
    json: { id },
  });
});
