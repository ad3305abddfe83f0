/**
 * Demo data for `npm start` (issue 5: "demo accounts are seeded by npm start"): accounts, the
 * rack "demo" whose current blueprint is an 8-sled example rack, and its sled agents (the
 * simulated rack's addresses). Idempotent: a second run changes nothing, and it never moves
 * the current blueprint once set (an execution may have moved it on purpose).
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import type { Role } from "../auth/roles.ts";
import { getBlueprint } from "../repo/blueprints.ts";
import { ensureRack, findRackByName } from "../repo/racks.ts";
import { getBlueprintModel, upsertSledAgent } from "../repo/sled-agents.ts";
import { findUserByName, upsertUser } from "../repo/users.ts";
import { storeBlueprint } from "../services/blueprints.ts";

export const DEMO_RACK = "demo";
export const DEMO_SLEDS = 8;
export const DEMO_SEED = "blueprint-console-demo";
/** The first sleds speak the January-2025 split API (the #7309 story); the rest the reconciler. */
export const DEMO_SPLIT_SLEDS = 2;

export const DEMO_ACCOUNTS: readonly { name: string; roles: Role[] }[] = [
  { name: "operator", roles: ["operator"] },
  { name: "approver", roles: ["approver"] },
  { name: "viewer", roles: ["viewer"] },
  // Can request and approve, but never approve its own request (lib/execution/can.ts executionCan).
  { name: "ops-approver", roles: ["operator", "approver"] },
];

export function demoBlueprint(): Blueprint {
  return makeExampleRack({ sleds: DEMO_SLEDS, seed: DEMO_SEED });
}

/** The profile each demo sled's agent should speak. */
export function demoProfiles(bp: Blueprint): Record<string, SledAgentProfile> {
  return Object.fromEntries(
    bp.sleds.map((s, i) => [s.id, i < DEMO_SPLIT_SLEDS ? "split" : "reconciler"]),
  );
}

async function seedAccount(
  name: string,
  roles: Role[],
  password: string,
): Promise<"created" | "updated" | "unchanged"> {
  const found = await findUserByName(name);
  const sameRoles =
    found !== null &&
    found.roles.length === roles.length &&
    roles.every((r) => found.roles.includes(r));
  const samePassword = found !== null && (await verifyPassword(found.passwordHash, password));
  if (found && sameRoles && samePassword) return "unchanged";
  await upsertUser(name, roles, samePassword ? null : await hashPassword(password));
  return found ? "updated" : "created";
}

export interface DemoSeed {
  rackId: string;
  /** True when this run created the rack (a fresh database). */
  createdRack: boolean;
  /** The rack's current blueprint: the example on a fresh database, else whatever is current now. */
  current: Blueprint;
  accounts: { name: string; roles: Role[]; change: "created" | "updated" | "unchanged" }[];
}

export async function seedDemo(password: string): Promise<DemoSeed> {
  const accounts = [];
  for (const a of DEMO_ACCOUNTS)
    accounts.push({ ...a, change: await seedAccount(a.name, a.roles, password) });
  const createdRack = (await findRackByName(DEMO_RACK)) === null;
  const rack = await ensureRack(DEMO_RACK);
  const example = demoBlueprint();
  if (!(await getBlueprint(example.id))) {
    const stored = await storeBlueprint({
      rackId: rack.id,
      model: example,
      source: "example",
      creator: example.creator ?? "demo",
      comment: example.comment ?? "",
    });
    if (!stored.ok) throw new Error(`demo blueprint not stored: ${JSON.stringify(stored)}`);
  }
  const currentId = (await findRackByName(DEMO_RACK))?.currentBlueprintId ?? example.id;
  const current = (await getBlueprintModel(currentId)) ?? example;
  return { rackId: rack.id, createdRack, current, accounts };
}

export async function registerDemoAgents(
  rackId: string,
  sleds: readonly { id: string; url: string; profile: SledAgentProfile }[],
): Promise<void> {
  for (const s of sleds) await upsertSledAgent(rackId, s.id, s.url, s.profile);
}
