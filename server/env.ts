import { z } from "zod";

// Server configuration, validated once when the server boots (instrumentation.ts) so a bad
// value fails at startup with a message naming the variable, not on the first request.
const envSchema = z.object({
  DATABASE_URL: z
    .string({
      error: "DATABASE_URL is not set: point it at a PostgreSQL database (npm start sets it)",
    })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid server environment: ${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
