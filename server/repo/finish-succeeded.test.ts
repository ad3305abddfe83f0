/**
 * finishSucceeded moves the rack's current blueprint only `WHERE currentBlueprintId = parent`:
 * of two executions from one parent that both finish, one moves it and the other ends failed
 * with the reason, however the two statements interleave. Real Postgres, no sled agents (the
 * steps' outcome is not this function's business).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { applyEdits } from "~/lib/edits/apply";
import { makeExampleRack } from "~/lib/examples/rack";
import { makePlan } from "~/lib/plan/make-plan";
import { expungeOneCruciblePerSled, makeUser } from "~/test/support/executor-fixture";
import { getPrisma } from "../db";
import { planHash } from "../plan/plan-hash";
import { changeState, createExecution, finishSucceeded } from "./executions";

async function storedRackAt(parentSleds: number) {
  const parent = {
    ...makeExampleRack({ sleds: parentSleds, seed: randomUUID() }),
    id: randomUUID(),
  };
  const rack = await getPrisma().rack.create({ data: { name: `rack-${randomUUID()}` } });
  const store = (id: string, parentId: string | null) =>
    getPrisma().blueprint.create({
      data: {
        id,
        rackId: rack.id,
        parentId,
        json: parent as never,
        source: "example",
        creator: "test",
        comment: "",
        timeCreated: new Date(),
        sledCount: 0,
        diskCount: 0,
        datasetCount: 0,
        zoneCount: 0,
      },
    });
  await store(parent.id, null);
  await getPrisma().rack.update({
    where: { id: rack.id },
    data: { currentBlueprintId: parent.id },
  });
  return { rackId: rack.id, parent, store };
}

it("lets only one of two finishing executions from the same parent move the rack", async () => {
  const { rackId, parent, store } = await storedRackAt(1);
  const child = applyEdits(parent, expungeOneCruciblePerSled(parent), {
    blueprintId: randomUUID(),
  });
  if (!child.ok) throw new Error(child.error);
  const plan = makePlan(parent, child.blueprint, { profile: "split" });
  const [operator, approver] = [
    await makeUser("op", ["operator"]),
    await makeUser("ap", ["approver"]),
  ];
  const runs: { executionId: string; targetBlueprintId: string }[] = [];
  for (let i = 0; i < 2; i++) {
    const targetBlueprintId = randomUUID();
    await store(targetBlueprintId, parent.id);
    const { id } = await createExecution({
      rackId,
      parentBlueprintId: parent.id,
      targetBlueprintId,
      plan,
      planHash: planHash(plan),
      requestedById: operator,
      comment: "",
    });
    await changeState(id, "awaiting_approval", { type: "approve" }, { decidedById: approver });
    await changeState(id, "approved", { type: "start" });
    runs.push({ executionId: id, targetBlueprintId });
  }
  const finish = (r: (typeof runs)[number]) =>
    finishSucceeded({
      ...r,
      rackId,
      parentBlueprintId: parent.id,
      steps: plan.steps.length,
      ledgers: [],
    });
  const results = await Promise.all(runs.map(finish));
  const won = results.findIndex((r) => r.ok && r.state === "succeeded");
  expect(won).toBeGreaterThanOrEqual(0);
  const winner = runs[won]!.targetBlueprintId;
  expect(results[1 - won]).toEqual({
    ok: true,
    state: "failed",
    reason: `the rack's current blueprint moved to ${winner} while this ran; the sleds hold this target`,
    currentBlueprintId: winner,
  });
  const rack = await getPrisma().rack.findUniqueOrThrow({ where: { id: rackId } });
  expect(rack.currentBlueprintId).toBe(winner);
  const rows = await getPrisma().execution.findMany({ where: { rackId }, orderBy: { id: "asc" } });
  expect(rows.map((r) => r.state).sort()).toEqual(["failed", "succeeded"]);
  // Finishing again changes nothing: the execution is no longer running.
  expect(await finish(runs[won]!)).toMatchObject({ ok: false });
  expect(
    (await getPrisma().rack.findUniqueOrThrow({ where: { id: rackId } })).currentBlueprintId,
  ).toBe(winner);
});
