/**
 * Before the e2e run: migrate the fresh database, then start the production console while
 * seeding users and one simulated rack per execution journey (seed-racks.ts, a long-lived
 * process hosting the sled agents). Playwright's webServer cannot restart its server mid-run, which
 * the restart journey needs, so the console is started here (console-server.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ROOT, killPid, spawnConsole, waitHealthy } from "./console-server";
import { READY_LINE, type SeedState } from "./racks";
import { writeState } from "./state-file";

function startSeed(databaseUrl: string, simDir: string): Promise<{ pid: number; seed: SeedState }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(ROOT, "e2e/support/seed-racks.ts"), "--data", simDir],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  return new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(
      () => rej(new Error(`the e2e seed did not finish in 60 s:\n${out}`)),
      60_000,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(READY_LINE));
      if (line && child.pid !== undefined) {
        clearTimeout(timer);
        child.stdout.removeAllListeners("data");
        child.stdout.resume(); // keep draining so the process never blocks on a full pipe
        child.unref();
        res({ pid: child.pid, seed: JSON.parse(line.slice(READY_LINE.length)) as SeedState }); // printed by seed-racks.ts
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`the e2e seed exited (${code}):\n${out}`));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error("e2e needs a database: run `npm run test:e2e` or set E2E_DATABASE_URL");
  if (!existsSync(join(ROOT, ".next/BUILD_ID")))
    throw new Error("no production build: run `npx next build` first (npm run test:e2e does)");
  mkdirSync(join(ROOT, "test-results/screenshots"), { recursive: true });
  const migrate = spawnSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "inherit",
  });
  if (migrate.status !== 0) throw new Error("migrations failed");
  const simDir = mkdtempSync(join(tmpdir(), "bpc-e2e-sim-"));
  // The console starts (loads Next) while the seed makes the racks: it needs only the schema.
  const t0 = Date.now();
  const consolePid = spawnConsole(databaseUrl);
  let seeded;
  try {
    seeded = await startSeed(databaseUrl, simDir);
  } catch (err) {
    await killPid(consolePid, "SIGKILL"); // no state file yet: the teardown would not find it
    throw err;
  }
  writeState({ databaseUrl, consolePid, seedPid: seeded.pid, simDir, seed: seeded.seed });
  await waitHealthy();
  console.log(
    `e2e setup: racks seeded and console up in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}
