import { z } from "zod";
import { clearedSessionCookie, sessionCookie } from "../auth/session.ts";
import { UNVOUCHED } from "../http/client-key.ts";
import { secureCookies } from "../http/public-url.ts";
import { userDto } from "../dto/user.ts";
import { login, logout } from "../services/auth.ts";
import { publicProcedure, router } from "../trpc.ts";
import { unwrap } from "./errors.ts";

const credentials = z.object({
  name: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const authRouter = router({
  /** Sets the httpOnly session cookie; the token itself never reaches page scripts. */
  login: publicProcedure
    .input(credentials)
    .output(z.object({ user: userDto, expiresAt: z.iso.datetime() }))
    .mutation(async ({ input, ctx }) => {
      const result = await login(input.name, input.password, ctx.clientAddress ?? UNVOUCHED);
      if (!result.ok && "retryAfterSeconds" in result)
        ctx.resHeaders?.set("retry-after", String(result.retryAfterSeconds));
      const session = unwrap(result);
      ctx.resHeaders?.append(
        "set-cookie",
        sessionCookie(session.token, session.expiresAt, secureCookies()),
      );
      return { user: session.user, expiresAt: session.expiresAt.toISOString() };
    }),

  /** Ends the session (a no-op without one) and clears the cookie. */
  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await logout(ctx.user ?? null, ctx.sessionId ?? null);
    ctx.resHeaders?.append("set-cookie", clearedSessionCookie(secureCookies()));
    return { ok: true as const };
  }),

  /** The logged-in user, or null: the UI asks this to decide what to show. */
  me: publicProcedure.output(userDto.nullable()).query(({ ctx }) => ctx.user ?? null),
});
