#!/usr/bin/env node
// npm start: everything a newcomer needs, in one process.
//   1. take the HTTP port (PORT, default 3000) so a busy port fails before anything starts;
//   2. PostgreSQL: DATABASE_URL if set (checked), else an embedded PostgreSQL in .data/pg
//      (EMBEDDED_PG_PORT, default 54329; data kept across restarts);
//   3. apply migrations (scripts/db-migrate.mjs deploy);
//   4. STARTUP_HOOKS: the demo rack (accounts, rack "demo", its simulated sled agents);
//   5. `next build` when there is no build yet, or a source changed since it was made
//      (scripts/lib/build-freshness.mjs);
//   6. serve the production build in this process (so a SIGKILL cannot leave it orphaned),
//      behind the console's HTTP front (scripts/lib/edge.mjs: client addresses, TRUSTED_PROXIES).
// `npm run dev` (--dev) does the same but serves `next dev` instead of a build.
// Ctrl-C / SIGTERM stops everything it started, in reverse order.
// A configuration problem is reported as one line saying what to fix, with exit code 1.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { buildNeeded } from "./lib/build-freshness.mjs";
import { demoRackBanner, startDemoRack } from "./lib/demo-rack.mjs";
import { loadEdge } from "./lib/edge.mjs";
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
    const message =
      "Blueprint Console is starting (the first start builds the app: about a minute).";
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
      rej(
        err.code === "EADDRINUSE"
          ? new ConfigError(`port ${port} is in use: stop the other process or set PORT=…`)
          : err,
      ),
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

async function database() {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await checkReachable(url);
    log(`database: DATABASE_URL (PostgreSQL at ${serverOf(url)}, database ${databaseOf(url)})`);
    return url;
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dir = resolve(ROOT, process.env.EMBEDDED_PG_DIR ?? ".data/pg");
  const t0 = Date.now();
  const pg = await startEmbeddedPostgres({
    dir,
    port,
    log: (m) => log(`embedded PostgreSQL: ${m}`),
  });
  stops.push(async () => {
    await pg.stop();
    log("stopped embedded PostgreSQL");
  });
  log(
    `started embedded PostgreSQL on 127.0.0.1:${port} in ${Date.now() - t0} ms ` +
      `(${pg.initialised ? "new" : "existing"} data in ${dir})`,
  );
  return withDatabase(pg.url, EMBEDDED_DB_NAME);
}

function run(
  /** @type {string} */ what,
  /** @type {string[]} */ args,
  /** @type {NodeJS.ProcessEnv} */ env,
) {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env });
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

async function main() {
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGHUP", () => void shutdown("SIGHUP"));
  // `kill <pid of npm start>` ends npm and its `sh -c`, which does not pass the signal on:
  // notice being orphaned and stop too, rather than keep serving with nobody to stop us.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown("parent process exited");
  }, 500).unref();
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";

  const port = parsePort(process.env.PORT);
  const wrap = await loadEdge(); // TRUSTED_PROXIES checked before anything starts
  const http = await listen(port);
  log(`listening on http://localhost:${port} (answers 503 until ready)`);
  const databaseUrl = await database();
  const env = { ...process.env, DATABASE_URL: databaseUrl };

  await run(
    "migrations (scripts/db-migrate.mjs deploy)",
    ["scripts/db-migrate.mjs", "deploy"],
    env,
  );

  for (const hook of STARTUP_HOOKS) {
    const stop = await hook.run({
      databaseUrl,
      port,
      root: ROOT,
      log: (m) => log(`${hook.name}: ${m}`),
    });
    if (stop) stops.push(stop);
  }

  const stale = DEV ? null : buildNeeded(ROOT);
  if (stale) {
    log(`${stale}: running \`next build\` (about a minute on 2 cores)`);
    await run("next build", [resolve(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      ...env,
      NODE_ENV: "production",
    });
  }

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
    `Blueprint Console is up: http://localhost:${port}  (database: ${serverOf(databaseUrl)}/${databaseOf(databaseUrl)})`,
  );
  for (const line of demoRackBanner()) log(line);
  log("Ctrl-C stops it.");
}

main().catch(async (err) => {
  if (err instanceof ConfigError) console.error(`npm start: ${err.message}`);
  else console.error(`npm start failed: ${err instanceof Error ? err.message : err}`);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(1);
});
