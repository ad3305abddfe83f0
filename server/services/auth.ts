/**
 * Logging in and out. Expected failures (a wrong name or password, a throttled attempt) are
 * results (./result.ts); a wrong name and a wrong password are one generic failure so the
 * answer does not tell which names exist.
 */
import { LoginThrottle, loginThrottleFromEnv } from "../auth/login-throttle.ts";
import { verifyAgainstNothing, verifyPassword } from "../auth/password.ts";
import type { SessionUser } from "../auth/roles.ts";
import { newSessionToken, SESSION_TTL_MS, sessionIdOf } from "../auth/session.ts";
import { recordAudit, type AuditActor } from "../repo/audit.ts";
import { createSession, deleteSession, findUserByName } from "../repo/users.ts";
import { fail, ok, type Failure, type Result } from "./result.ts";

/** A throttled attempt also says when to come back (the router's Retry-After header). */
export type Throttled = Failure & { code: "TOO_MANY_REQUESTS"; retryAfterSeconds: number };
export type LoginResult = Result<{ user: SessionUser; token: string; expiresAt: Date }> | Throttled;

/**
 * The audit log's actor for a login attempt: the account when the name exists, else a fixed
 * label. What was typed into the name field is never stored (it may be a password).
 */
export const UNKNOWN_ACCOUNT = "unknown account";

let throttle: LoginThrottle | undefined;

export async function login(name: string, password: string, client: string): Promise<LoginResult> {
  throttle ??= new LoginThrottle(loginThrottleFromEnv(process.env));
  const found = await findUserByName(name);
  const actor: AuditActor = found
    ? { id: found.id, name: found.name }
    : { id: null, name: UNKNOWN_ACCOUNT };
  const admitted = throttle.admit(name, client, Date.now());
  if (!admitted.ok) {
    const retryAfterSeconds = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
    await recordAudit(actor, "login-throttled", {
      client,
      scope: admitted.scope,
      retryAfterSeconds,
    });
    return {
      ok: false,
      code: "TOO_MANY_REQUESTS",
      message: `Too many failed logins; try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    };
  }
  let valid = false;
  try {
    valid = found
      ? await verifyPassword(found.passwordHash, password)
      : await verifyAgainstNothing(password);
  } finally {
    // Counted before anything else can fail: an admitted attempt is never left in flight.
    if (!found || !valid) throttle.failed(admitted.ticket, Date.now());
    else throttle.succeeded(admitted.ticket, Date.now());
  }
  if (!found || !valid) {
    await recordAudit(actor, "login-refused", {
      reason: found ? "wrong password" : "unknown name",
      client,
    });
    return fail("UNAUTHORIZED", "Wrong name or password.");
  }
  const user: SessionUser = { id: found.id, name: found.name, roles: found.roles };
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await createSession(sessionIdOf(token), user.id, expiresAt);
  await recordAudit(user, "login", { expiresAt: expiresAt.toISOString(), client });
  return ok({ user, token, expiresAt });
}

export async function logout(user: SessionUser | null, sessionId: string | null): Promise<void> {
  if (sessionId === null) return;
  await deleteSession(sessionId);
  if (user) await recordAudit(user, "logout");
}
