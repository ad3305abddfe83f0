/**
 * Seeds the e2e database and hosts the simulated racks, as one long-lived process:
 *   DATABASE_URL=… node --import tsx e2e/support/seed-racks.ts [--data DIR]
 * Users (E2E_USERS, password E2E_PASSWORD), then per E2E_RACKS entry: a rack, its example
 * blueprint as the current one, a child blueprint expunging crucible zones (made by the same
 * service the console's edit form calls), and a simulated rack registered as its sled agents.
 * Prints READY_LINE + JSON (SeedState) once everything listens; stops on SIGTERM/SIGINT.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import { hashPassword } from "~/server/auth/password.ts";
import type { Role } from "~/server/auth/roles.ts";
import { setNexusInstances } from "~/server/repo/nexus.ts";
import { ensureRack } from "~/server/repo/racks.ts";
import { quietDisk, relaxRedundancyPolicies } from "~/test/support/executor-fixture.ts";
import { upsertSledAgent } from "~/server/repo/sled-agents.ts";
import { upsertUser } from "~/server/repo/users.ts";
import { createChildBlueprint, storeBlueprint } from "~/server/services/blueprints.ts";
import { startSimulatedRack, type SimulatedRack } from "~/sim/rack.ts";
import {
  E2E_PASSWORD,
  E2E_RACKS,
  E2E_USERS,
  READY_LINE,
  type RackSpec,
  type SeededRack,
  type SeedState,
} from "./racks.ts";

const { values } = parseArgs({ options: { data: { type: "string" } } });
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), "bpc-e2e-sim-"));

async function seedRack(
  name: string,
  spec: RackSpec,
  operator: { id: string; name: string; roles: Role[] },
  sims: SimulatedRack[],
): Promise<SeededRack> {
  const rack = await ensureRack(name);
  // A two-sled rack cannot keep omicron's redundancy when a whole sled goes: its admin relaxes it.
  if (spec.expungeSled) await relaxRedundancyPolicies(rack.id);
  const parent = makeExampleRack({ sleds: spec.sleds, seed: `e2e-${name}` });
  const stored = await storeBlueprint({
    rackId: rack.id,
    model: parent,
    source: "example",
    creator: "e2e seed",
    comment: `example rack for ${name}`,
  });
  if (!stored.ok) throw new Error(`${name}: ${JSON.stringify(stored)}`);
  const zones = parent.sleds
    .slice(0, spec.expungeOnSleds)
    .map(
      (s) =>
        s.zones.find((z) => z.zoneType.type === "crucible" && z.disposition === "in_service")?.id,
    );
  const expungedZones = zones.filter((z): z is string => z !== undefined);
  const expungedSled = spec.expungeSled ? parent.sleds[0]?.id : undefined;
  const expungedDisk = spec.expungeDisk ? quietDisk(parent, 0) : undefined;
  const made = await createChildBlueprint(
    operator,
    parent.id,
    expungedSled
      ? [{ kind: "expunge-sled" as const, sledId: expungedSled }]
      : expungedDisk
        ? [{ kind: "expunge-disk" as const, diskId: expungedDisk }]
        : expungedZones.map((zoneId) => ({ kind: "expunge-zone" as const, zoneId })),
    expungedSled
      ? "expunge a sled"
      : expungedDisk
        ? "expunge a disk"
        : `expunge ${expungedZones.length} crucible zone(s)`,
  );
  const child = made.ok ? made.value : made;
  if (!child.ok) throw new Error(`${name}: ${JSON.stringify(child)}`);
  const sim = await startSimulatedRack({
    blueprint: parent,
    profile: spec.profile,
    dataDir: join(dataDir, name),
    adminPort: 0,
    reconcileMs: 150,
    seed: name,
    ...(spec.nexus ? { nexus: { executorMs: 1_000 } } : {}),
  });
  sims.push(sim);
  for (const s of sim.sleds) await upsertSledAgent(rack.id, s.id, s.url, s.profile);
  if (sim.nexus) await setNexusInstances(rack.id, sim.nexus.urls);
  return {
    rackId: rack.id,
    parentId: parent.id,
    targetId: child.blueprint.id,
    admin: sim.admin ?? "",
    sleds: sim.sleds.map((s) => ({ id: s.id, url: s.url, profile: s.profile })),
    expungedZones,
    expungedSled,
    expungedDisk,
  };
}

async function main(): Promise<void> {
  const hash = await hashPassword(E2E_PASSWORD);
  const users = await Promise.all(
    Object.entries(E2E_USERS).map(([name, roles]) => upsertUser(name, [...roles], hash)),
  );
  const operator = users.find((u) => u.name === "olivia");
  if (!operator) throw new Error("the seed lost its operator");
  const sims: SimulatedRack[] = [];
  const state: SeedState = { racks: {} };
  for (const [name, spec] of Object.entries(E2E_RACKS))
    state.racks[name] = await seedRack(name, spec, operator, sims);
  console.log(READY_LINE + JSON.stringify(state));
  const stop = () => void Promise.allSettled(sims.map((s) => s.stop())).then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
