#!/usr/bin/env node
// npm test: every tier, then ONE summary line `N passed, N failed` over all of them, after a
// line per tier naming each failed test.
//   format, typecheck, lint (1 check each, side by side) → unit, with `next build` (1 check)
//   beside it → integration, with e2e (Playwright on that build, 2 workers) beside it. A failing
//   tier does not stop the later ones; the exit code is 1 if anything failed.
// The build is stamped (scripts/lib/build-freshness.mjs), so a later `npm start` serves it
// without building again.
// Database: the server of DATABASE_URL if set, else a throwaway embedded PostgreSQL. Each tier
// that needs one gets a fresh database on it (integration: test/global-setup.ts; e2e: here).
//   node scripts/test-all.mjs [format|typecheck|lint|unit|integration|e2e ...]   # a subset, same rules
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { sourceHash, writeBuildStamp } from "./lib/build-freshness.mjs";
import {
  ConfigError,
  checkReachable,
  dropDatabase,
  freshDatabaseName,
  serverOf,
  startThrowawayPostgres,
  withDatabase,
} from "./lib/postgres.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const REPORTS = resolve(ROOT, "test-results");
const bin = (/** @type {string} */ path) => resolve(ROOT, "node_modules", path);
const ALL = ["format", "typecheck", "lint", "unit", "integration", "e2e"];
/** The summary's order (tiers may finish in another). */
const ORDER = ["format", "typecheck", "lint", "unit", "integration", "build", "e2e"];

/** @typedef {{ tier: string, passed: number, failed: number, seconds: number, note?: string, failures?: string[] }} Result */
/** @type {Result[]} */
const results = [];
/** @type {(() => Promise<void>)[]} */
const cleanups = [];

/**
 * Runs a node script; resolves to its exit code. Its output goes straight through, or, given
 * a `buffered` title, is kept and printed whole under that title when it ends (tiers that run
 * side by side).
 */
function node(
  /** @type {string[]} */ args,
  /** @type {NodeJS.ProcessEnv} */ env = process.env,
  /** @type {string | false} */ buffered = false,
) {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
      env,
    });
    /** @type {Buffer[]} */
    const out = [];
    child.stdout?.on("data", (d) => out.push(d));
    child.stderr?.on("data", (d) => out.push(d));
    const done = (/** @type {number} */ code) => {
      if (buffered) {
        banner(buffered);
        process.stdout.write(Buffer.concat(out));
      }
      res(code);
    };
    child.on("error", () => done(1));
    child.on("exit", (code) => done(code ?? 1));
  });
}

const readJson = (/** @type {string} */ path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
};

/** The first line of a failure message, trimmed to one readable line. */
const firstLine = (/** @type {unknown} */ text) =>
  String(text ?? "")
    // eslint-disable-next-line no-control-regex -- ANSI colour codes
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 200) ?? "";

/** Vitest's JSON report → "file › test: first line of the error" per failed or skipped test. */
function vitestFailures(/** @type {any} */ json) {
  return (json?.testResults ?? []).flatMap((/** @type {any} */ file) => {
    const path = String(file.name ?? "").replace(`${ROOT}/`, "");
    const failed = (file.assertionResults ?? [])
      .filter((/** @type {any} */ t) => t.status !== "passed")
      .map(
        (/** @type {any} */ t) =>
          `${path} › ${t.fullName}: ${t.status === "failed" ? firstLine(t.failureMessages?.[0]) : t.status}`,
      );
    // A file that failed to load has no tests but a message.
    return failed.length || file.status !== "failed"
      ? failed
      : [`${path}: ${firstLine(file.message)}`];
  });
}

/** Playwright's JSON report → "file › test: first line of the error" per unexpected or skipped test. */
function playwrightFailures(/** @type {any} */ json) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {any} */ suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === "unexpected" || test.status === "skipped") {
          const error = test.results?.at(-1)?.error?.message;
          out.push(`${spec.file} › ${spec.title}: ${error ? firstLine(error) : test.status}`);
        }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of json?.suites ?? []) walk(suite);
  return out;
}

function banner(/** @type {string} */ text) {
  console.log(`\n=== ${text} ${"=".repeat(Math.max(0, 70 - text.length))}`);
}

/** A tier that counts as one check: passed iff the command exits 0. */
async function singleCheck(
  /** @type {string} */ tier,
  /** @type {string[]} */ args,
  env = process.env,
  buffered = false,
) {
  if (!buffered) banner(tier);
  const t0 = Date.now();
  const code = await node(args, env, buffered && tier);
  results.push({
    tier,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    seconds: (Date.now() - t0) / 1000,
  });
  return code === 0;
}

/**
 * A vitest project; counts its tests from the JSON reporter. `buffered`: its output is printed
 * whole when it ends (it runs beside another tier).
 */
async function vitest(/** @type {string} */ project, env = process.env, buffered = false) {
  const title = `${project} tests (vitest --project ${project})`;
  if (!buffered) banner(title);
  const report = resolve(REPORTS, `vitest-${project}.json`);
  rmSync(report, { force: true });
  const t0 = Date.now();
  const code = await node(
    [
      bin("vitest/vitest.mjs"),
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    env,
    buffered && title,
  );
  const json = readJson(report);
  const passed = json?.numPassedTests ?? 0;
  // A skipped or todo test is not a passing one: the run counts it as a failure.
  const skipped = (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0);
  let failed = (json?.numFailedTests ?? 0) + skipped;
  let note = skipped ? `${skipped} skipped or todo: no test may be skipped` : undefined;
  // A run can fail outside any test (setup error, unhandled error): count that as one failure.
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = "the run failed outside the tests (see above)";
  }
  results.push({
    tier: project,
    passed,
    failed,
    seconds: (Date.now() - t0) / 1000,
    note,
    failures: vitestFailures(json),
  });
}

const buildEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/**
 * `next build`, one check; its output is printed whole when it ends (it runs beside unit).
 * Stamped with the sources' hash when it succeeds, for `npm start`.
 */
async function build() {
  const hash = sourceHash(ROOT);
  const ok = await singleCheck(
    "build (next build)",
    [bin("next/dist/bin/next"), "build"],
    buildEnv,
    true,
  );
  if (ok) writeBuildStamp(ROOT, hash);
  return ok;
}

/** Playwright against the production build (`built`: did it succeed), on a fresh database. */
async function e2e(/** @type {string} */ serverUrl, /** @type {boolean} */ built) {
  if (!built) {
    results.push({
      tier: "e2e",
      passed: 0,
      failed: 0,
      seconds: 0,
      note: "skipped: the build failed",
    });
    return;
  }
  banner("e2e tests (playwright)");
  const databaseUrl = withDatabase(serverUrl, freshDatabaseName("e2e"));
  const report = resolve(REPORTS, "playwright.json");
  rmSync(report, { force: true });
  const t0 = Date.now();
  // The console under test serves one browser as fast as it can: no per-client rate limit.
  const rate = { API_RATE_PER_SECOND: process.env.API_RATE_PER_SECOND ?? "0" };
  const env = { ...buildEnv, ...rate, E2E_DATABASE_URL: databaseUrl, E2E_JSON_REPORT: report };
  const code = await node([bin("@playwright/test/cli.js"), "test"], env);
  await dropDatabase(databaseUrl).catch((e) =>
    console.error(`could not drop ${databaseUrl}: ${e.message}`),
  );
  const json = readJson(report);
  const stats = json?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  let failed = (stats?.unexpected ?? 0) + (stats?.skipped ?? 0);
  let note = stats?.skipped
    ? `${stats.skipped} skipped: no test may be skipped`
    : stats?.flaky
      ? `${stats.flaky} flaky`
      : undefined;
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = "the run failed outside the tests (see above)";
  }
  results.push({
    tier: "e2e",
    passed,
    failed,
    seconds: (Date.now() - t0) / 1000,
    note,
    failures: playwrightFailures(json),
  });
}

/** The PostgreSQL server the database tiers use. */
async function databaseServer() {
  if (process.env.DATABASE_URL) {
    await checkReachable(process.env.DATABASE_URL);
    console.log(
      `database: DATABASE_URL's server ${serverOf(process.env.DATABASE_URL)} (a fresh database per tier)`,
    );
    return process.env.DATABASE_URL;
  }
  const t0 = Date.now();
  const pg = await startThrowawayPostgres();
  cleanups.push(pg.stop);
  console.log(
    `database: throwaway embedded PostgreSQL on 127.0.0.1:${pg.port}, up in ${Date.now() - t0} ms`,
  );
  return pg.url;
}

async function cleanup() {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((t) => !ALL.includes(t));
  if (unknown.length)
    throw new ConfigError(`unknown tier ${unknown.join(", ")}: choose from ${ALL.join(", ")}`);
  const tiers = wanted.length ? ALL.filter((t) => wanted.includes(t)) : ALL;
  mkdirSync(REPORTS, { recursive: true });
  const t0 = Date.now();

  const needsDb = tiers.includes("integration") || tiers.includes("e2e");
  const serverUrl = needsDb ? await databaseServer() : undefined;
  const dbEnv = serverUrl ? { ...process.env, DATABASE_URL: serverUrl } : process.env;

  const want = (/** @type {string} */ tier) => tiers.includes(tier);
  // The static checks side by side (each mostly one core), their outputs printed whole.
  await Promise.all([
    want("format") &&
      singleCheck(
        "format (prettier --check .)",
        [bin("prettier/bin/prettier.cjs"), "--check", "."],
        process.env,
        true,
      ),
    want("typecheck") &&
      singleCheck(
        "typecheck (tsc --noEmit)",
        [bin("typescript/bin/tsc"), "--noEmit"],
        process.env,
        true,
      ),
    want("lint") &&
      singleCheck("lint (eslint .)", [bin("eslint/bin/eslint.js"), "."], process.env, true),
  ]);
  // The production build e2e needs runs beside the unit tests.
  const built = want("e2e") && serverUrl ? build() : Promise.resolve(false);
  if (want("unit")) await vitest("unit");
  await built;
  // Integration and e2e side by side: separate databases on the server, free ports for every
  // simulator and server of the integration tests; e2e's output streams, integration's is
  // printed whole when it ends.
  const both = want("integration") && want("e2e") && serverUrl;
  await Promise.all([
    want("integration") && vitest("integration", dbEnv, Boolean(both)),
    want("e2e") && serverUrl && built.then((ok) => e2e(serverUrl, ok)),
  ]);
  await cleanup();

  banner(`summary (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const rank = (/** @type {Result} */ r) => ORDER.findIndex((t) => r.tier.startsWith(t));
  for (const r of results.sort((a, b) => rank(a) - rank(b))) {
    const status = r.failed ? "FAIL" : "ok  ";
    const note = r.note ? `  (${r.note})` : "";
    console.log(
      `${status} ${r.tier.padEnd(28)} ${r.passed} passed, ${r.failed} failed  ${r.seconds.toFixed(1)} s${note}`,
    );
    for (const f of r.failures ?? []) console.log(`       ✗ ${f}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the test run`);
    void cleanup().then(() => process.exit(130));
  });
}

main().catch(async (err) => {
  await cleanup();
  console.error(err instanceof ConfigError ? `npm test: ${err.message}` : err);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
