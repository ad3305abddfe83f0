import { z } from "zod";
import { loginThrottleFromEnv } from "./auth/login-throttle.ts";
import { agentHostsFromEnv } from "./http/agent-hosts.ts";
import { parsePublicUrl } from "./http/public-url.ts";
import { wholeNumberEnv } from "./util/env-number.ts";

// Server configuration, validated once when the server boots (instrumentation.ts) so a bad
// value fails at startup with a message naming the variable, not on the first request.
const POOL_SIZE_ERROR = "DATABASE_POOL_SIZE must be a whole number ≥ 1";
/** Connections in this process's pool; unset: enough for the executor (server/db.ts). */
const poolSize = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce
    .number({ error: POOL_SIZE_ERROR })
    .int(POOL_SIZE_ERROR)
    .min(1, POOL_SIZE_ERROR)
    .optional(),
);

const envSchema = z.object({
  DATABASE_URL: z
    .string({
      error: "DATABASE_URL is not set: point it at a PostgreSQL database (npm start sets it)",
    })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_POOL_SIZE: poolSize,
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid server environment: ${problems}`);
  }
  // Read where they are used; parsed here too so a typo fails at boot, not on first use.
  parsePublicUrl(source.PUBLIC_URL);
  agentHostsFromEnv(source);
  loginThrottleFromEnv(source);
  stallAfterMs(source);
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** DATABASE_POOL_SIZE alone (a client made for an explicit URL needs no DATABASE_URL). */
export function databasePoolSize(
  source: Record<string, string | undefined> = process.env,
): number | undefined {
  const result = poolSize.safeParse(source.DATABASE_POOL_SIZE);
  if (!result.success)
    throw new Error(`invalid server environment: DATABASE_POOL_SIZE: ${POOL_SIZE_ERROR}`);
  return result.data;
}

/** Default `STALL_AFTER_MS`: a rack whose target has not changed for 30 minutes may be stuck. */
export const DEFAULT_STALL_AFTER_MS = 30 * 60_000;

/**
 * `STALL_AFTER_MS` (issue 19): how long without a target change, while the planner says it is
 * waiting, before `rack.activity` calls the rack stalled. Unset: 30 minutes.
 */
export function stallAfterMs(source: Record<string, string | undefined> = process.env): number {
  const r = wholeNumberEnv("STALL_AFTER_MS", 1, DEFAULT_STALL_AFTER_MS).safeParse(
    source.STALL_AFTER_MS,
  );
  if (!r.success) throw new Error(`invalid STALL_AFTER_MS: ${r.error.issues[0]?.message}`);
  return r.data;
}
