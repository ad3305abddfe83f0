import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { env } from "./env.ts";

// One Prisma client per process, created on first use (so `next build`, which loads route
// modules, needs no database). In development Next re-evaluates modules on every change, so
// the client is parked on globalThis to avoid opening a new pool each time.
// Prisma is imported only here and under server/repo/ (see eslint.config.js).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function makePrisma(url: string = env().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= makePrisma();
  return globalForPrisma.prisma;
}
