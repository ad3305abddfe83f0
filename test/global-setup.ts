// Integration tier: one fresh database per run, migrated with scripts/db-migrate.mjs, dropped
// afterwards. It lives on DATABASE_URL's server when that is set, else on a throwaway embedded
// PostgreSQL started here.
import { spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import {
  checkReachable,
  createDatabase,
  dropDatabase,
  freshDatabaseName,
  startThrowawayPostgres,
} from "../scripts/lib/postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const embedded = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const serverUrl = embedded?.url ?? process.env.DATABASE_URL ?? "";
  try {
    await checkReachable(serverUrl);
    const databaseUrl = await createDatabase(serverUrl, freshDatabaseName("test"));
    const migrate = spawnSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
    if (migrate.status !== 0) {
      await dropDatabase(databaseUrl);
      throw new Error(`migrations failed:\n${migrate.stdout}${migrate.stderr}`);
    }
    project.provide("databaseUrl", databaseUrl);
    return async () => {
      await dropDatabase(databaseUrl);
      await embedded?.stop();
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
