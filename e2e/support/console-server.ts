/**
 * The console under test: the production build served like `next start` but behind the
 * console's HTTP front (scripts/serve.mjs, as `npm start` serves it) on E2E_PORT, started by the
 * global setup and, for the restart journey, killed and started again on the same port by
 * the test itself. Its pid lives in the state file so the teardown stops whichever process
 * is current. Output goes to test-results/e2e-server.log.
 */
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { resolve } from "node:path";
import { readState, writeState } from "./state-file";

export const ROOT = resolve(import.meta.dirname, "../..");
export const PORT = Number(process.env.E2E_PORT ?? 3200);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const LOG = resolve(ROOT, "test-results/e2e-server.log");

/** Executor settings for the e2e server: a short lease so a restart resumes within seconds. */
const EXECUTOR_ENV = {
  EXECUTOR_LEASE_TTL_MS: "2000",
  EXECUTOR_BACKOFF_BASE_MS: "100",
  EXECUTOR_BACKOFF_CAP_MS: "1000",
};

export function spawnConsole(databaseUrl: string): number {
  const out = openSync(LOG, "a");
  const child = spawn(
    process.execPath,
    [resolve(ROOT, "scripts/serve.mjs"), "-p", String(PORT), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...EXECUTOR_ENV,
        DATABASE_URL: databaseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        // The activity journey waits for the stall warning: seconds, not the 30-minute default.
        STALL_AFTER_MS: process.env.STALL_AFTER_MS ?? "4000",
      },
      stdio: ["ignore", out, out],
      detached: true, // outlives the Playwright worker that restarts it; the teardown stops it
    },
  );
  child.unref();
  if (child.pid === undefined) throw new Error("could not start scripts/serve.mjs");
  return child.pid;
}

export async function waitHealthy(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${BASE_URL}/api/trpc/health.check`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline)
      throw new Error(
        `the console did not answer on ${BASE_URL} within ${timeoutMs} ms (see test-results/e2e-server.log)`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Signals the process group (spawned detached, so `next start` and any child it forks go together). */
export async function killPid(pid: number, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(-pid, signal);
  } catch {
    process.kill(pid, signal);
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/** The restart journey: the current console dies (SIGKILL, as in a crash). */
export async function killConsole(): Promise<void> {
  const state = readState();
  await killPid(state.consolePid);
}

/** …and a new one takes the same port. */
export async function startConsoleAgain(): Promise<void> {
  const state = readState();
  const pid = spawnConsole(state.databaseUrl);
  writeState({ ...state, consolePid: pid });
  await waitHealthy();
}
