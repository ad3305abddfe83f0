#!/usr/bin/env node
// npm start: everything a newcomer needs, in one process.
//   1. take the HTTP port (PORT, default 3000) so a busy port fails before anything starts
//      (a leftover console of this checkout is named as such, with how to stop it);
//   2. PostgreSQL: DATABASE_URL if set (checked), else an embedded PostgreSQL in .data/pg
//      (EMBEDDED_PG_PORT, default 54329; data kept across restarts);
//   3. `next build` when there is no build of the checkout's sources yet
//      (scripts/lib/build-freshness.mjs: a source-hash stamp), beside steps 4 and 6;
//   4. apply migrations (scripts/db-migrate.mjs deploy; skipped when none is pending);
//   5. serve the production build in this process (so a SIGKILL cannot leave it orphaned),
//      behind the console's HTTP front (scripts/lib/edge.mjs: client addresses, TRUSTED_PROXIES),
//      as soon as the build and the database are ready;
//   6. STARTUP_HOOKS, after step 4 and beside steps 3 and 5: the demo racks (accounts, racks "demo" and
//      "demo-nexus", their simulated sled agents and Nexus).
// `npm run dev` (--dev) does the same but serves `next dev` instead of a build.
// Ctrl-C / SIGTERM / SIGHUP stops everything it started, in reverse order; so does the end of
// its parent (`kill <pid of npm>`, even SIGKILL): it watches npm and npm's `sh -c`. Every
// child watches this process in turn (the embedded PostgreSQL through a guard that
// fast-shuts it down; the simulators, the build and the seed scripts by their parent pid).
// A configuration problem is reported as one line saying what to fix, with exit code 1.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import pg from "pg";
import { buildNeeded, sourceHash, writeBuildStamp } from "./lib/build-freshness.mjs";
import { WATCH_PARENT } from "./lib/demo-processes.mjs";
import { demoRackBanner, startDemoRack } from "./lib/demo-rack.mjs";
import { loadEdge } from "./lib/edge.mjs";
import { portInUseMessage } from "./lib/port-holder.mjs";
import {
  ConfigError,
  checkReachable,
  databaseOf,
  serverOf,
  startEmbeddedPostgres,
  withDatabase,
} from "./lib/postgres.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const DEV = process.argv.includes("--dev"); // npm run dev: the same, with `next dev` instead of a build
const EMBEDDED_DB_NAME = "blueprint_console";

/**
 * @typedef {{ databaseUrl: string, port: number, root: string, log: (msg: string) => void }} StartContext
 * @typedef {(ctx: StartContext) => Promise<(() => Promise<void>) | void>} StartupHook
 *   Runs after migrations, before the web server serves; may return a function that stops
 *   what it started (called in reverse order on shutdown).
 */

// ---- STARTUP HOOKS ---------------------------------------------------------------------
// Later issues add steps here, e.g. "start the simulated rack" and "seed demo data".
// Prefer running in this process (a SIGKILL then takes them down too); a child process must
// handle a leftover from a killed run, as startEmbeddedPostgres does.
/** @type {{ name: string, run: StartupHook }[]} */
const STARTUP_HOOKS = [{ name: "demo rack", run: startDemoRack }];
// ----------------------------------------------------------------------------------------

const log = (/** @type {string} */ msg) => console.log(`[start] ${msg}`);
/** @type {(() => Promise<void>)[]} */
const stops = [];
let stopping = false;

function parsePort(/** @type {string | undefined} */ value) {
  const port = Number(value ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(
      `PORT must be a number between 1 and 65535 (got "${value}"): fix PORT or unset it to use 3000`,
    );
  }
  return port;
}

/** Binds the port now (answering 503 until the app is ready) so "port in use" fails first. */
async function listen(/** @type {number} */ port) {
  /** @type {import("node:http").RequestListener} */
  let handler = (req, res) => {
    const message = "Blueprint Console is starting (the first start builds the app first).";
    if (req.headers.accept?.includes("text/html")) {
      res.writeHead(503, { "content-type": "text/html; charset=utf-8", "retry-after": "5" });
      res.end(
        `<!doctype html><html lang="en"><head><meta http-equiv="refresh" content="3">` +
          `<title>Blueprint Console: starting</title></head><body><p>${message} ` +
          `This page reloads itself.</p></body></html>`,
      );
    } else {
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "5" });
      res.end(`${message}\n`);
    }
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise((res, rej) => {
    server.once("error", (/** @type {any} */ err) =>
      rej(err.code === "EADDRINUSE" ? new ConfigError(portInUseMessage(port, ROOT, "PORT")) : err),
    );
    server.listen(port, () => res(undefined));
  });
  stops.push(
    () =>
      new Promise((res) => {
        server.close(() => res());
        server.closeAllConnections();
      }),
  );
  return { server, setHandler: (/** @type {typeof handler} */ h) => (handler = h) };
}

const embeddedPort = () => Number(process.env.EMBEDDED_PG_PORT ?? 54329);

async function database() {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await checkReachable(url);
    log(`database: DATABASE_URL (PostgreSQL at ${serverOf(url)}, database ${databaseOf(url)})`);
    return url;
  }
  const port = embeddedPort();
  const dir = resolve(ROOT, process.env.EMBEDDED_PG_DIR ?? ".data/pg");
  const t0 = Date.now();
  const embedded = await startEmbeddedPostgres({
    dir,
    port,
    log: (m) => log(`embedded PostgreSQL: ${m}`),
  });
  stops.push(async () => {
    await embedded.stop();
    log("stopped embedded PostgreSQL");
  });
  log(
    `started embedded PostgreSQL on 127.0.0.1:${port} in ${Date.now() - t0} ms ` +
      `(${embedded.initialised ? "new" : "existing"} data in ${dir})`,
  );
  return withDatabase(embedded.url, EMBEDDED_DB_NAME);
}

function run(
  /** @type {string} */ what,
  /** @type {string[]} */ args,
  /** @type {NodeJS.ProcessEnv} */ env,
) {
  return new Promise((res, rej) => {
    // --import WATCH_PARENT: a SIGKILLed start must not leave a build or a migration running.
    const child = spawn(process.execPath, ["--import", WATCH_PARENT, ...args], {
      cwd: ROOT,
      stdio: "inherit",
      env,
    });
    child.on("error", rej);
    child.on("exit", (code, signal) =>
      code === 0
        ? res(undefined)
        : rej(new Error(`${what} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

async function shutdown(/** @type {string} */ signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(`[start] ${e}`));
  process.exit(0);
}

/** The parent pid of `pid` (Linux /proc), or undefined. @param {number} pid */
function ppidOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a shell (npm runs scripts through `sh -c`). @param {number} pid */
function isShell(pid) {
  try {
    return ["sh", "dash", "bash", "zsh"].includes(readFileSync(`/proc/${pid}/comm`, "utf8").trim());
  } catch {
    return false;
  }
}

/**
 * `kill <pid of npm>` ends npm: SIGTERM/SIGINT reach its `sh -c`, which dies without passing
 * them on; SIGKILL leaves the shell waiting on us. Either way we notice (our parent, or the
 * shell's parent, changed) and stop, rather than keep serving with nobody to stop us.
 */
function watchParents() {
  const parent = process.ppid;
  const grandparent = isShell(parent) ? ppidOf(parent) : undefined;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown("parent process exited");
    else if (grandparent !== undefined && ppidOf(parent) !== grandparent)
      void shutdown("npm exited");
  }, 250).unref();
}

/**
 * Whether a migration in prisma/migrations is not applied yet (or any failed), so that a
 * start with an up-to-date database skips loading the migration engine. Unsure → true.
 * @param {string} url
 */
async function migrationsPending(url) {
  const wanted = readdirSync(resolve(ROOT, "prisma/migrations"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    const { rows } = await c.query(
      `select migration_name, finished_at is not null and rolled_back_at is null as ok from _prisma_migrations`,
    );
    const applied = new Set(rows.filter((r) => r.ok).map((r) => r.migration_name));
    return rows.some((r) => !r.ok) || wanted.some((m) => !applied.has(m));
  } catch {
    return true; // no database or no table yet: db-migrate.mjs makes them
  } finally {
    await c.end().catch(() => {});
  }
}

/** `next build` when the build in .next is not of the checkout's sources; stamps it after. */
async function buildIfNeeded(/** @type {NodeJS.ProcessEnv} */ env) {
  if (DEV) return;
  const hash = sourceHash(ROOT);
  const stale = buildNeeded(ROOT, hash);
  if (!stale) return;
  const t0 = Date.now();
  log(`${stale}: running \`next build\` (beside the migrations and the demo racks)`);
  await run("next build", [resolve(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    ...env,
    NODE_ENV: "production",
  });
  writeBuildStamp(ROOT, hash);
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function migrate(/** @type {string} */ databaseUrl) {
  if (await migrationsPending(databaseUrl))
    await run("migrations (scripts/db-migrate.mjs deploy)", ["scripts/db-migrate.mjs", "deploy"], {
      ...process.env,
      DATABASE_URL: databaseUrl,
    });
  else log("migrations: none pending");
}

/** The startup hooks, one after the other; their stops join ours. */
async function runHooks(/** @type {string} */ databaseUrl, /** @type {number} */ port) {
  for (const hook of STARTUP_HOOKS) {
    if (stopping) return;
    const stop = await hook.run({
      databaseUrl,
      port,
      root: ROOT,
      log: (m) => log(`${hook.name}: ${m}`),
    });
    if (stop) stops.push(stop);
  }
}

async function main() {
  const t0 = Date.now();
  process.chdir(ROOT); // `node path/to/scripts/start.mjs` from anywhere: tsx and Next resolve from here
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGHUP", () => void shutdown("SIGHUP"));
  watchParents();
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";

  const port = parsePort(process.env.PORT);
  const wrap = await loadEdge(); // TRUSTED_PROXIES checked before anything starts
  const http = await listen(port);
  log(`listening on http://localhost:${port} (answers 503 until ready)`);

  // The build needs no database (no page is prerendered from it), but it starts once the
  // database is there: a configuration error must not start (and abandon) a build. It then
  // runs beside the migrations and the demo racks.
  const databaseUrl = await database();
  const built = buildIfNeeded({ ...process.env, DATABASE_URL: databaseUrl });
  const migrated = migrate(databaseUrl);
  const hooks = migrated.then(() => runHooks(databaseUrl, port));
  // Whichever fails first stops the start; a demo rack that fails even after serving does too.
  hooks.catch(fail);
  await Promise.all([migrated, built]);

  process.env.DATABASE_URL = databaseUrl;
  // Next reads NODE_ENV when it loads.
  Object.assign(process.env, { NODE_ENV: DEV ? "development" : "production" });
  const { default: next } = await import("next");
  const app = next({ dev: DEV, dir: ROOT, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The edge (scripts/lib/edge.mjs) works out the client's address from the socket first.
  http.setHandler(wrap((req, res) => void handle(req, res)));

  log(
    `Blueprint Console is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}  (database: ${serverOf(databaseUrl)}/${databaseOf(databaseUrl)})`,
  );
  await hooks;
  if (stopping) return;
  for (const line of demoRackBanner()) log(line);
  log("Ctrl-C stops it.");
}

async function fail(/** @type {unknown} */ err) {
  if (stopping) return;
  stopping = true;
  if (err instanceof ConfigError) console.error(`npm start: ${err.message}`);
  else console.error(`npm start failed: ${err instanceof Error ? err.message : err}`);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(1);
}

main().catch(fail);
