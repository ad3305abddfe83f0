// `npm start` with no DATABASE_URL: embedded PostgreSQL, migrations, the production build served,
// data kept across a SIGKILL and a restart, and Ctrl-C/SIGTERM stopping everything (issue 2).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { freePort } from "../scripts/lib/postgres.mjs";
import { cmdlineOf, processTree } from "./support/process-tree";

interface Started {
  child: ChildProcess;
  output: () => string;
}

const children: ChildProcess[] = [];

function startConsole(env: Record<string, string>): Promise<Started> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...rest, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const output = () => out;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Blueprint Console is up")) resolve({ child, output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("npm start survives a SIGKILL with its data and stops cleanly on SIGTERM", async ({
  request,
}) => {
  // Two full starts (embedded PostgreSQL, migrations, startup hooks); generous for a loaded CI box.
  test.setTimeout(240_000);
  const parent = mkdtempSync(join(tmpdir(), "bpc-start-"));
  const [port, pgPort] = [await freePort(), await freePort()];
  const env = {
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    EMBEDDED_PG_DIR: join(parent, "pg"),
  };
  const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/blueprint_console`;
  const keptName = `e2e-kept-${Date.now()}`;
  try {
    const first = await startConsole(env);
    expect(first.output()).toContain(`started embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    const health = await request.get(`http://127.0.0.1:${port}/api/trpc/health.check`);
    expect(await health.json()).toMatchObject({ result: { data: { ok: true } } });

    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    await db.query(`INSERT INTO "Rack" (id, name) VALUES (gen_random_uuid(), $1)`, [keptName]);
    await db.end();

    // Its guard would stop PostgreSQL (start-signals.spec.ts): kill that too, as `kill -9` of
    // everything but PostgreSQL would, so the next start meets a leftover server.
    for (const pid of processTree(first.child.pid ?? -1))
      if (cmdlineOf(pid).includes("pg-guard")) process.kill(pid, "SIGKILL");
    first.child.kill("SIGKILL");
    await exited(first.child);
    const second = await startConsole(env);
    expect(second.output()).toContain("stopped a leftover PostgreSQL");
    const again = await request.get(`http://127.0.0.1:${port}/api/trpc/health.check`);
    expect(again.ok()).toBe(true);
    const check = new pg.Client({ connectionString: dbUrl });
    await check.connect();
    const racks = await check.query<{ name: string }>(`SELECT name FROM "Rack"`);
    await check.end();
    // npm start may seed its own rows (demo data); ours must still be there.
    expect(racks.rows.map((r) => r.name)).toContain(keptName);

    const postmasterPid = Number(
      readFileSync(join(env.EMBEDDED_PG_DIR, "postmaster.pid"), "utf8").split("\n")[0],
    );
    second.child.kill("SIGTERM");
    expect(await exited(second.child)).toBe(0);
    expect(isAlive(postmasterPid)).toBe(false);
  } finally {
    // On failure, leave nothing running: the console, then any postmaster it left.
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    try {
      const pid = Number(
        readFileSync(join(env.EMBEDDED_PG_DIR, "postmaster.pid"), "utf8").split("\n")[0],
      );
      if (pid && isAlive(pid)) process.kill(pid, "SIGINT");
    } catch {
      /* no server left */
    }
    rmSync(parent, { recursive: true, force: true });
  }
});
