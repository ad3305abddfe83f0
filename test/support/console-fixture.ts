/**
 * Users and racks for the console's integration tests. Every call makes fresh names, because
 * the test files of one run share one database.
 */
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { toOmicronJson } from "~/lib/blueprint/export";
import type { Blueprint } from "~/lib/blueprint/model";
import { makeExampleRack } from "~/lib/examples/rack";
import { hashPassword } from "~/server/auth/password";
import type { Role, SessionUser } from "~/server/auth/roles";
import { ensureRack } from "~/server/repo/racks";
import { upsertUser } from "~/server/repo/users";
import { createCaller } from "~/server/routers/_app";
import { makeUser as makeFixtureUser } from "./executor-fixture";

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeUser(
  prefix: string,
  roles: Role[],
  password = "correct horse battery staple",
): Promise<SessionUser & { password: string }> {
  const user = await upsertUser(unique(prefix), roles, await hashPassword(password));
  return { ...user, password };
}

export async function makeRack(prefix = "rack"): Promise<string> {
  return (await ensureRack(unique(prefix))).id;
}

/** A caller acting as `user` (or anonymously), the way createContext would build it. */
export function callerFor(user: SessionUser | null) {
  return createCaller({ user });
}

/** The tRPC error code a call failed with, or null when it succeeded. */
export const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : e),
  );

/** A rack with a stored 2-sled example blueprint (fresh ids per call) and an operator. */
export async function exampleRack(sleds = 2) {
  const operator = await makeUser("op", ["operator"]);
  const rackId = await makeRack();
  const example = makeExampleRack({ sleds, seed: unique("seed") });
  const imported = await callerFor(operator).blueprint.import({
    rackId,
    json: toOmicronJson(example),
  });
  if (!imported.ok) throw new Error(`example import failed: ${JSON.stringify(imported)}`);
  return { operator, rackId, example, caller: callerFor(operator) };
}

export function crucibleZone(bp: Blueprint): { sledId: string; zoneId: string } {
  for (const sled of bp.sleds) {
    const z = sled.zones.find(
      (zone) => zone.zoneType.type === "crucible" && zone.disposition === "in_service",
    );
    if (z) return { sledId: sled.id, zoneId: z.id };
  }
  throw new Error("no crucible zone");
}

/**
 * A fresh user with `roles` (executor-fixture's kind: no password) and a tRPC caller acting
 * as them. Here, not in executor-fixture: that one is also loaded by the e2e seed, outside
 * vitest, where the API's `server-only` guard refuses to load.
 */
export async function userCaller(name: string, roles: Role[]) {
  const id = await makeFixtureUser(name, roles);
  return { id, api: createCaller({ user: { id, name, roles } }) };
}
