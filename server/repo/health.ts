import { getPrisma } from "../db.ts";

/** Asks PostgreSQL for its version string; throws when the database is unreachable. */
export async function readDatabaseVersion(): Promise<string> {
  const rows = await getPrisma().$queryRaw<{ version: string }[]>`SELECT version() AS version`;
  const version = rows[0]?.version;
  if (version === undefined) throw new Error("SELECT version() returned no row");
  return version;
}
