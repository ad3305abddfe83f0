/**
 * Logging in and out. Expected failures (a wrong name or password) are values; the router
 * turns them into one generic error so the answer does not tell which names exist.
 */
import { verifyAgainstNothing, verifyPassword } from "../auth/password.ts";
import type { SessionUser } from "../auth/roles.ts";
import { newSessionToken, SESSION_TTL_MS, sessionIdOf } from "../auth/session.ts";
import { recordAudit } from "../repo/audit.ts";
import { createSession, deleteSession, findUserByName } from "../repo/users.ts";

export type LoginResult =
  { ok: true; user: SessionUser; token: string; expiresAt: Date } | { ok: false };

export async function login(name: string, password: string): Promise<LoginResult> {
  const found = await findUserByName(name);
  const valid = found
    ? await verifyPassword(found.passwordHash, password)
    : await verifyAgainstNothing(password);
  if (!found || !valid) {
    await recordAudit({ id: found?.id ?? null, name }, "login-refused", {
      reason: found ? "wrong password" : "unknown name",
    });
    return { ok: false };
  }
  const user: SessionUser = { id: found.id, name: found.name, roles: found.roles };
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await createSession(sessionIdOf(token), user.id, expiresAt);
  await recordAudit(user, "login", { expiresAt: expiresAt.toISOString() });
  return { ok: true, user, token, expiresAt };
}

export async function logout(user: SessionUser | null, sessionId: string | null): Promise<void> {
  if (sessionId === null) return;
  await deleteSession(sessionId);
  if (user) await recordAudit(user, "logout");
}
