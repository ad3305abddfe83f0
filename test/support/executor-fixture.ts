/**
 * An execution ready to run against a real simulated rack and the run's real database:
 * users, a rack, stored parent and target blueprints, sled agents pointing at the simulator,
 * and an execution row for the plan. Each call uses fresh names, so test files can share the
 * database.
 */
import { randomUUID } from "node:crypto";
import type { Blueprint } from "~/lib/blueprint/model";
import { applyEdits } from "~/lib/edits/apply";
import type { Edit } from "~/lib/edits/types";
import { makeExampleRack } from "~/lib/examples/rack";
import { makePlan } from "~/lib/plan/make-plan";
import type { Plan } from "~/lib/plan/types";
import type { SledAgentProfile } from "~/lib/wire/types";
import type { Role } from "~/server/auth/roles";
import { zpoolName } from "~/lib/blueprint/zones";
import { getPrisma } from "~/server/db";
import { planHash } from "~/server/plan/plan-hash";
import { changeState, createExecution } from "~/server/repo/executions";
import { upsertSledAgent } from "~/server/repo/sled-agents";
import { setRackPolicy } from "~/server/repo/policy";
import { POLICY_IDS } from "~/lib/policy/policies";
import { startSimulatedRack, type SimRackOptions, type SimulatedRack } from "~/sim/rack";

export interface ExecutionFixture {
  executionId: string;
  rackId: string;
  parent: Blueprint;
  target: Blueprint;
  plan: Plan;
  sim: SimulatedRack;
  operatorId: string;
  approverId: string;
}

async function storeBlueprint(
  rackId: string,
  bp: Blueprint,
  source: "example" | "edit",
): Promise<void> {
  const items = bp.sleds.reduce(
    (n, s) => ({ d: n.d + s.disks.length, ds: n.ds + s.datasets.length, z: n.z + s.zones.length }),
    { d: 0, ds: 0, z: 0 },
  );
  await getPrisma().blueprint.create({
    data: {
      id: bp.id,
      rackId,
      parentId: bp.parentId,
      json: bp as never,
      source,
      creator: bp.creator ?? "test",
      comment: bp.comment ?? "",
      timeCreated: new Date(),
      sledCount: bp.sleds.length,
      diskCount: items.d,
      datasetCount: items.ds,
      zoneCount: items.z,
    },
  });
}

export async function makeUser(name: string, roles: Role[]): Promise<string> {
  const u = await getPrisma().user.create({
    data: {
      name: `${name}-${randomUUID().slice(0, 8)}`,
      passwordHash: "not-used-in-this-test",
      roles,
    },
  });
  return u.id;
}

export interface RackFixture {
  rackId: string;
  parent: Blueprint;
  target: Blueprint;
  sim: SimulatedRack;
}

interface RackOptions {
  sleds?: number;
  edits: (parent: Blueprint) => Edit[];
  profile: SledAgentProfile | Record<string, SledAgentProfile>;
  sim?: Partial<SimRackOptions>;
}

/** A rack whose current blueprint runs on a simulated rack, and a stored child blueprint. */
export async function rackFixture(opts: RackOptions): Promise<RackFixture> {
  const parent = {
    ...makeExampleRack({ sleds: opts.sleds ?? 2, seed: randomUUID() }),
    id: randomUUID(),
  };
  const child = applyEdits(parent, opts.edits(parent), { blueprintId: randomUUID() });
  if (!child.ok) throw new Error(child.error);
  const target = child.blueprint;
  const rack = await getPrisma().rack.create({ data: { name: `rack-${randomUUID()}` } });
  await storeBlueprint(rack.id, parent, "example");
  await storeBlueprint(rack.id, target, "edit");
  await getPrisma().rack.update({
    where: { id: rack.id },
    data: { currentBlueprintId: parent.id },
  });
  const sim = await startSimulatedRack({
    blueprint: parent,
    profile: opts.profile,
    reconcileMs: 50,
    ...opts.sim,
  });
  for (const s of sim.sleds) await upsertSledAgent(rack.id, s.id, s.url, s.profile);
  return { rackId: rack.id, parent, target, sim };
}

export async function executionFixture(
  opts: RackOptions & { approve?: boolean },
): Promise<ExecutionFixture> {
  const { rackId, parent, target, sim } = await rackFixture(opts);
  const rack = { id: rackId };
  const plan = makePlan(parent, target, { profile: opts.profile });
  const operatorId = await makeUser("operator", ["operator"]);
  const approverId = await makeUser("approver", ["approver"]);
  const { id } = await createExecution({
    rackId: rack.id,
    parentBlueprintId: parent.id,
    targetBlueprintId: target.id,
    plan,
    planHash: planHash(plan),
    requestedById: operatorId,
    comment: "test",
  });
  if (opts.approve ?? true) {
    const r = await changeState(
      id,
      "awaiting_approval",
      { type: "approve" },
      { decidedById: approverId, decidedAt: new Date() },
    );
    if (!r.ok) throw new Error(r.reason);
  }
  return { executionId: id, rackId: rack.id, parent, target, plan, sim, operatorId, approverId };
}

/** Expunge the first crucible zone of every sled (the #7309 change, rack-wide). */
export const expungeOneCruciblePerSled = (bp: Blueprint): Edit[] =>
  bp.sleds.flatMap((s) => {
    const z = s.zones.find((zone) => zone.zoneType.type === "crucible");
    return z ? [{ kind: "expunge-zone" as const, zoneId: z.id }] : [];
  });

/**
 * What an admin of a small test rack does before expunging a whole sled: omicron's redundancy
 * and quorum rules cannot hold on two sleds (each kind has fewer zones than omicron keeps),
 * so they become advisory there (lib/policy), audited as any level change.
 */
export async function relaxRedundancyPolicies(rackId: string): Promise<void> {
  await setRackPolicy(
    rackId,
    {
      levels: Object.fromEntries(
        POLICY_IDS.filter((id) => id === "cockroachdb-quorum" || id.startsWith("redundancy-")).map(
          (id) => [id, "advisory" as const],
        ),
      ),
      maxSledsChanged: null,
    },
    { id: null, name: "test admin" },
  );
}

/** Zone kinds the policy checks count (lib/policy): a disk hosting none of them is "quiet". */
const COUNTED_ZONES = new Set([
  "cockroach_db",
  "internal_dns",
  "boundary_ntp",
  "nexus",
  "crucible_pantry",
]);

/**
 * A disk of sled `sledIndex` whose pool holds no zone a policy check counts, so expunging it
 * fails no redundancy or quorum rule whatever the seed placed where (last such disk).
 */
export function quietDisk(bp: Blueprint, sledIndex: number): string {
  const sled = bp.sleds[sledIndex];
  const busy = new Set(
    (sled?.zones ?? [])
      .filter((z) => COUNTED_ZONES.has(z.zoneType.type))
      .flatMap((z) => [z.filesystemPool, z.zoneType.dataset?.pool_name]),
  );
  const disk = [...(sled?.disks ?? [])].reverse().find((d) => !busy.has(zpoolName(d.poolId)));
  if (!disk) throw new Error(`sled ${sledIndex} has no disk without control-plane zones`);
  return disk.id;
}
