import { z } from "zod";
import { readDatabaseVersion } from "../repo/health.ts";
import { publicProcedure, router } from "../trpc.ts";

const healthOutput = z.object({
  ok: z.boolean(),
  database: z.discriminatedUnion("connected", [
    // The exact version only for a signed-in user: it tells an attacker which CVEs apply.
    z.object({ connected: z.literal(true), version: z.string().optional() }),
    z.object({ connected: z.literal(false), error: z.string() }),
  ]),
  time: z.iso.datetime(),
});

export type HealthCheck = z.infer<typeof healthOutput>;

export const healthRouter = router({
  // Reports, rather than throws, a database that cannot be reached: the page shows it. Anonymous
  // callers (load balancers, anyone) learn only up/connected, not versions or error texts.
  check: publicProcedure.output(healthOutput).query(async ({ ctx }): Promise<HealthCheck> => {
    const time = new Date().toISOString();
    const signedIn = Boolean(ctx.user);
    try {
      const version = await readDatabaseVersion();
      return { ok: true, database: { connected: true, ...(signedIn ? { version } : {}) }, time };
    } catch (err) {
      const error = signedIn
        ? err instanceof Error
          ? err.message
          : String(err)
        : "the database cannot be reached (log in for details)";
      return { ok: false, database: { connected: false, error }, time };
    }
  }),
});
