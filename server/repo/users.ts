/**
 * Users and their sessions. Rows stay here: callers get plain records.
 */
import { getPrisma } from "../db.ts";
import { notifyLive } from "./notify.ts";
import { ROLES, type Role, type SessionUser } from "../auth/roles.ts";

export type UserRecord = SessionUser;

export interface UserWithHash extends UserRecord {
  passwordHash: string;
}

/** Roles in a fixed order, so answers do not depend on how a row was written. */
const sortRoles = (roles: readonly Role[]): Role[] => ROLES.filter((r) => roles.includes(r));

const userSelect = { id: true, name: true, roles: true } as const;

export async function findUserByName(name: string): Promise<UserWithHash | null> {
  const row = await getPrisma().user.findUnique({
    where: { name },
    select: { ...userSelect, passwordHash: true },
  });
  return row ? { ...row, roles: sortRoles(row.roles) } : null;
}

export async function listUsers(): Promise<UserRecord[]> {
  const rows = await getPrisma().user.findMany({ select: userSelect, orderBy: { name: "asc" } });
  return rows.map((r) => ({ ...r, roles: sortRoles(r.roles) }));
}

/** Creates the user, or sets the roles (and the hash, when given) of an existing one. */
export async function upsertUser(
  name: string,
  roles: readonly Role[],
  passwordHash: string | null,
): Promise<UserRecord> {
  const data = { roles: sortRoles(roles), ...(passwordHash === null ? {} : { passwordHash }) };
  const row = await getPrisma().user.upsert({
    where: { name },
    create: { name, roles: data.roles, passwordHash: passwordHash ?? "!" }, // "!" verifies nothing
    update: data,
    select: userSelect,
  });
  return { ...row, roles: sortRoles(row.roles) };
}

export async function createSession(
  sessionId: string,
  userId: string,
  expiresAt: Date,
): Promise<void> {
  const prisma = getPrisma();
  // Housekeeping on the user's own rows: expired sessions are dead weight.
  await prisma.session.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  await prisma.session.create({ data: { id: sessionId, userId, expiresAt } });
}

/** The user a live session belongs to, or null for an unknown or expired session. */
export async function findSessionUser(
  sessionId: string,
  now = new Date(),
): Promise<UserRecord | null> {
  const row = await getPrisma().session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: userSelect } },
  });
  if (!row || row.expiresAt <= now) return null;
  return { ...row.user, roles: sortRoles(row.user.roles) };
}

export async function deleteSession(sessionId: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { id: sessionId } });
  // Its live streams, in any console process, end (server/routers/live.ts).
  await notifyLive({ kind: "session-ended", sessionId });
}
