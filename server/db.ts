import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { databasePoolSize, env } from "./env.ts";
import { executorConfig } from "./executor/config.ts";

// One Prisma client per process, created on first use (so `next build`, which loads route
// modules, needs no database). In development Next re-evaluates modules on every change, so
// the client is parked on globalThis to avoid opening a new pool each time.
// Prisma is imported only here and under server/repo/ (see eslint.config.js).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * pg's default pool (10) is below the executor's default concurrency (16): every step records
 * its attempts through this pool, so by default it holds one connection per step in flight plus
 * a few for the lease, the cancellation check and the console's own requests.
 */
export function defaultPoolSize(): number {
  return Math.max(10, executorConfig().concurrency + 4);
}

/**
 * Raw statements that begin with this comment are prepared once per connection and reused
 * (the executor's recording statements, run for every attempt: PostgreSQL then skips parsing
 * and planning their CTEs each time). Everything else stays unnamed, so the number of prepared
 * statements per connection is bounded by the statements marked in server/repo/.
 */
export const PREPARED = "/* prepared */";

const statementName = (q: { sql: string }): string =>
  q.sql.startsWith(PREPARED)
    ? `bpc_${createHash("sha1").update(q.sql).digest("hex").slice(0, 24)}`
    : ""; // "": pg's unnamed statement

export function makePrisma(
  url: string = env().DATABASE_URL,
  max: number = databasePoolSize() ?? defaultPoolSize(),
): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: url, max },
      { statementNameGenerator: statementName },
    ),
  });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= makePrisma();
  return globalForPrisma.prisma;
}
