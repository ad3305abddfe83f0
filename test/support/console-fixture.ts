/**
 * Users and racks for the console's integration tests. Every call makes fresh names, because
 * the test files of one run share one database.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "../../server/auth/password";
import type { Role, SessionUser } from "../../server/auth/roles";
import { ensureRack } from "../../server/repo/racks";
import { upsertUser } from "../../server/repo/users";
import { createCaller } from "../../server/routers/_app";

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeUser(prefix: string, roles: Role[], password = "correct horse battery staple"): Promise<SessionUser & { password: string }> {
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
