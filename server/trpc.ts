// The API and everything it reaches (the database, sessions, the executor's services) must
// never be bundled for the browser: Next fails the build if a client module imports this one.
// The UI takes only its type (`import type { AppRouter }`). Vitest maps it to a no-op.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { hasRole, type Role, type SessionUser } from "./auth/roles.ts";
import { readCookie, SESSION_COOKIE, sessionIdOf } from "./auth/session.ts";
import { unstorableTextPath } from "./http/storable-text.ts";
import { findSessionUser } from "./repo/users.ts";

export type { Role, SessionUser };

/**
 * The request context. Over HTTP `createContext` fills every field from the request; tests
 * pass a plain object (`createCaller({ user })`), so every field is optional; no user (absent
 * or null) means an anonymous request.
 */
export interface Context {
  user?: SessionUser | null;
  /** The Session row id behind `user` (auth.logout deletes it). */
  sessionId?: string | null;
  /** The HTTP request, when there is one. */
  req?: Request;
  /** Response headers auth.login / auth.logout add Set-Cookie to. */
  resHeaders?: Headers;
  /** The client's address as the console's HTTP front vouches for it (server/http/client-key.ts). */
  clientAddress?: string;
}

export async function createContext(opts: {
  req: Request;
  resHeaders: Headers;
  clientAddress?: string;
}): Promise<Context> {
  const token = readCookie(opts.req.headers.get("cookie"), SESSION_COOKIE);
  const sessionId = token === null ? null : sessionIdOf(token);
  const user = sessionId === null ? null : await findSessionUser(sessionId);
  return {
    user,
    sessionId: user ? sessionId : null,
    req: opts.req,
    resHeaders: opts.resHeaders,
    clientAddress: opts.clientAddress,
  };
}

// `t` stays private: routers use the named builders below.
/**
 * An unexpected error (a bug, the database gone) answers "internal error" with a reference in
 * production; the message — Prisma's text names tables, columns and constraints — and the stack
 * go to the server log under the same reference (the route's onError). Every deliberate error
 * (TRPCError with a code) keeps its message.
 */
export function internalErrorReference(error: { code: string; cause?: unknown }): string | null {
  if (error.code !== "INTERNAL_SERVER_ERROR") return null;
  const holder = error as { reference?: string };
  holder.reference ??= crypto.randomUUID().slice(0, 8);
  return holder.reference;
}

const t = initTRPC.context<Context>().create({
  // Server-sent event streams (execution.events, live.events): a comment line every 15 s keeps
  // proxies from closing an idle stream; a client that hears nothing for 40 s reconnects.
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
  errorFormatter({ shape, error }) {
    const reference = internalErrorReference(error);
    if (reference === null || process.env.NODE_ENV !== "production") return shape;
    return {
      ...shape,
      message: `Internal error: the console could not complete this request (reference ${reference}, in its log).`,
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure refuses text PostgreSQL cannot store (server/http/storable-text.ts) with a 400. */
const storableInput = t.procedure.use(async ({ getRawInput, next }) => {
  const where = unstorableTextPath(await getRawInput());
  if (where !== null)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Text may not contain NUL characters or unpaired UTF-16 surrogates; found one at ${where}.`,
    });
  return next();
});

export const publicProcedure = storableInput;

/** Any logged-in user; `ctx.user` is non-null inside. */
export const protectedProcedure = storableInput.use(({ ctx, next }) => {
  if (!ctx.user)
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Log in first: this needs a signed-in user.",
    });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A logged-in user holding `role`. The UI disables what a user may not do; this is where the
 * rule is actually enforced (STYLE.md habit 5).
 */
export function roleProcedure(role: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.user, role)) {
      const held = ctx.user.roles.length ? ctx.user.roles.join(", ") : "no roles";
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${role} role; ${ctx.user.name} has ${held}.`,
      });
    }
    return next({ ctx });
  });
}
