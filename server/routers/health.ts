import { z } from "zod";
import { readDatabaseVersion } from "../repo/health.ts";
import { publicProcedure, router } from "../trpc.ts";

const healthOutput = z.object({
  ok: z.boolean(),
  database: z.discriminatedUnion("connected", [
    z.object({ connected: z.literal(true), version: z.string() }),
    z.object({ connected: z.literal(false), error: z.string() }),
  ]),
  time: z.iso.datetime(),
});

export type HealthCheck = z.infer<typeof healthOutput>;

export const healthRouter = router({
  // Reports, rather than throws, a database that cannot be reached: the page shows it.
  check: publicProcedure.output(healthOutput).query(async (): Promise<HealthCheck> => {
    const time = new Date().toISOString();
    try {
      return {
        ok: true,
        database: { connected: true, version: await readDatabaseVersion() },
        time,
      };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { ok: false, database: { connected: false, error }, time };
    }
  }),
});
