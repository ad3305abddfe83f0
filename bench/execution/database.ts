/**
 * A fresh PostgreSQL database for the benchmark, created on DATABASE_URL's server (or the local
 * one at 127.0.0.1:5432) and dropped afterwards, with a Prisma client that times every query
 * (recorder.ts) installed as the process's client before any server code asks for one.
 */
import { spawnSync } from "node:child_process";
import {
  checkReachable,
  createDatabase,
  dropDatabase,
  freshDatabaseName,
} from "~/scripts/lib/postgres.mjs";
import { makePrisma } from "~/server/db.ts";
import { QueryRecorder } from "./recorder.ts";

export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  url: string;
  /** PostgreSQL's version string. */
  version: string;
  recorder: QueryRecorder;
  drop(): Promise<void>;
}

export async function setupBenchDatabase(): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
  const version = await checkReachable(server);
  const url = await createDatabase(server, freshDatabaseName("bench"));
  const migrate = spawnSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    await dropDatabase(url);
    throw new Error(`migrations failed:\n${migrate.stdout}${migrate.stderr}`);
  }
  process.env.DATABASE_URL = url;
  const recorder = new QueryRecorder();
  const client = recorder.instrument(makePrisma(url));
  // server/db.ts keeps its client on globalThis; putting ours there first makes every repo
  // function use it. The extended client has the same runtime surface the repos call.
  (globalThis as { prisma?: unknown }).prisma = client;
  return {
    url,
    version: String(version),
    recorder,
    drop: async () => {
      await client.$disconnect();
      (globalThis as { prisma?: unknown }).prisma = undefined;
      await dropDatabase(url);
    },
  };
}
