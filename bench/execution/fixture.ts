/**
 * One benchmark execution, set up the way the console does it: the rack's current blueprint
 * runs on a simulated rack (its own process), the target is a mixed change on every sled
 * (lib/examples/mixed-change.ts), both are stored, every sled agent is registered, and an
 * approved execution of the plan waits to be driven. Both blueprints go through their omicron
 * JSON, so the simulator and the console read the same bytes.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import { parseBlueprint } from "~/lib/blueprint/import.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { makeMixedChange } from "~/lib/examples/mixed-change.ts";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import { makePlan } from "~/lib/plan/make-plan.ts";
import type { Plan } from "~/lib/plan/types.ts";
import { countBlueprint } from "~/lib/rack/counts.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { planHash } from "~/server/plan/plan-hash.ts";
import { insertBlueprint } from "~/server/repo/blueprints.ts";
import { changeState, createExecution } from "~/server/repo/executions.ts";
import { ensureRack, setCurrentBlueprintIfUnset } from "~/server/repo/racks.ts";
import { upsertSledAgent } from "~/server/repo/sled-agents.ts";
import { makeUser } from "~/test/support/executor-fixture.ts";
import { startSimProcess, type SimProcess } from "./sim-process.ts";

export interface BenchExecution {
  executionId: string;
  plan: Plan;
  sim: SimProcess;
  approverId: string;
}

export async function approveExecution(id: string, approverId: string): Promise<void> {
  const approved = await changeState(
    id,
    "awaiting_approval",
    { type: "approve" },
    { decidedById: approverId, decidedAt: new Date() },
  );
  if (!approved.ok) throw new Error(approved.reason);
}

function roundTrip(bp: Blueprint): { model: Blueprint; json: string } {
  const json = JSON.stringify(toOmicronJson(bp));
  const r = parseBlueprint(JSON.parse(json));
  if (!r.ok) throw new Error(`example blueprint does not import: ${r.errors[0]?.message}`);
  return { model: r.blueprint, json };
}

/** A parent and its mixed-change child, with ids unique to `seed`. */
export function mixedChangePair(
  sleds: number,
  seed: string,
): { parent: Blueprint; target: Blueprint; parentJson: string } {
  const example = makeExampleRack({ sleds, seed });
  const child = makeMixedChange(example, seed);
  if (!child.ok) throw new Error(`mixed change failed: ${child.error}`);
  const parent = roundTrip(example);
  return {
    parent: parent.model,
    parentJson: parent.json,
    target: roundTrip(child.blueprint).model,
  };
}

async function store(rackId: string, bp: Blueprint): Promise<void> {
  const r = await insertBlueprint({
    rackId,
    model: bp,
    source: "example",
    creator: bp.creator ?? "bench",
    comment: bp.comment ?? "",
    timeCreated: new Date(),
    counts: countBlueprint(bp),
  });
  if (!r.ok) throw new Error(`blueprint ${bp.id} already stored`);
}

export async function setUpExecution(opts: {
  sleds: number;
  profile: SledAgentProfile;
  reconcileMs: number;
  dir: string;
  faultSeed: string;
  /** Approve it (default); false leaves it awaiting approval (bench/fleet approves a batch at once). */
  approve?: boolean;
}): Promise<BenchExecution> {
  const seed = `bench-${randomUUID()}`;
  const { parent, target, parentJson } = mixedChangePair(opts.sleds, seed);
  const file = join(opts.dir, `${seed}.json`);
  writeFileSync(file, parentJson);
  const sim = await startSimProcess({
    blueprintFile: file,
    profile: opts.profile,
    reconcileMs: opts.reconcileMs,
    seed: opts.faultSeed,
  });
  try {
    const rack = await ensureRack(`bench-${seed}`);
    await store(rack.id, parent);
    await store(rack.id, target);
    await setCurrentBlueprintIfUnset(rack.id, parent.id);
    for (const s of sim.sleds) await upsertSledAgent(rack.id, s.id, s.url, s.profile);
    const plan = makePlan(parent, target, { profile: opts.profile });
    const operatorId = await makeUser("bench-operator", ["operator"]);
    const approverId = await makeUser("bench-approver", ["approver"]);
    const { id } = await createExecution({
      rackId: rack.id,
      parentBlueprintId: parent.id,
      targetBlueprintId: target.id,
      plan,
      planHash: planHash(plan),
      requestedById: operatorId,
      comment: "benchmark",
    });
    if (opts.approve ?? true) await approveExecution(id, approverId);
    return { executionId: id, plan, sim, approverId };
  } catch (e) {
    await sim.stop();
    throw e;
  }
}
