// The demo rack of `npm start`: seed accounts + rack "demo" + its example blueprint
// (server/seed/main.ts prepare), start the simulated rack from the rack's current blueprint
// (sim/main.ts, a child process), then point the rack's sled agents at it
// (server/seed/main.ts agents). DEMO=0 skips all of it.
//
// Environment: DEMO_PASSWORD (else a random one, kept in the demo directory across
// restarts), SIM_PORT (sled i listens on SIM_PORT+i, admin on SIM_PORT-1; unset: 12200 when
// free, else free ports), DEMO_DATA_DIR (default: beside the embedded PostgreSQL's data, i.e.
// .data/, so a throwaway database gets a throwaway simulated rack). The simulated rack also
// runs a simulated Nexus (sim/nexus/) on SIM_PORT+32 (12232, omicron's lockstep port, by
// default) whose planner makes a child blueprint every DEMO_NEXUS_PLANNER_MS (60000; 0: off);
// the demo rack is linked to it, so blueprints arrive while you watch.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { runTsx, startSim, stopLeftoverSim } from "./demo-processes.mjs";
import { assertPortFree } from "./postgres.mjs";

const SEED_READY = "SEED_READY ";

/** DEMO_PASSWORD, or one generated once and kept (0600) so restarts keep the same logins. */
function demoPassword(/** @type {string} */ dataDir) {
  if (process.env.DEMO_PASSWORD)
    return { password: process.env.DEMO_PASSWORD, from: "DEMO_PASSWORD" };
  const file = join(dataDir, "demo-password");
  if (existsSync(file)) return { password: readFileSync(file, "utf8").trim(), from: file };
  const password = randomBytes(12).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, from: `${file} (generated)` };
}

const DEFAULT_SIM_PORT = 12200;

/** The simulator's base port: SIM_PORT as given, else 12200 if its ports are free, else 0 (free ports). */
async function simPort(/** @type {number} */ sleds) {
  if (process.env.SIM_PORT !== undefined) return Number(process.env.SIM_PORT);
  try {
    for (let p = DEFAULT_SIM_PORT - 1; p < DEFAULT_SIM_PORT + sleds; p++)
      await assertPortFree(p, "");
    await assertPortFree(DEFAULT_SIM_PORT + 32, ""); // the simulated Nexus
    return DEFAULT_SIM_PORT;
  } catch {
    return 0;
  }
}

function demoDataDir(/** @type {string} */ root) {
  if (process.env.DEMO_DATA_DIR) return resolve(root, process.env.DEMO_DATA_DIR);
  if (process.env.DATABASE_URL || !process.env.EMBEDDED_PG_DIR) return join(root, ".data");
  return dirname(resolve(root, process.env.EMBEDDED_PG_DIR));
}

/** @type {import("../start.mjs").StartupHook} */
export async function startDemoRack({ databaseUrl, root, log }) {
  if (process.env.DEMO === "0") return;
  const dataDir = demoDataDir(root);
  mkdirSync(dataDir, { recursive: true });
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  const { password, from } = demoPassword(dataDir);
  const blueprintFile = join(dataDir, "demo-blueprint.json");
  const seed = await seedDemo(root, { ...env, DEMO_PASSWORD: password }, blueprintFile);

  const simDir = join(dataDir, "sim");
  const pidFile = join(dataDir, "sim.pid");
  await stopLeftoverSim(pidFile, log);
  // A fresh database means a fresh demo rack: old ledgers would contradict its blueprint.
  if (seed.createdRack) rmSync(simDir, { recursive: true, force: true });
  const port = await simPort(Object.keys(seed.profiles).length);
  const simArgs = demoSimArgs(seed, blueprintFile, simDir, port);
  const { ready, stop } = startDemoSim(root, simArgs, pidFile, log);
  try {
    const sim =
      /** @type {{ admin: string | null, sleds: { id: string, url: string, profile: string }[], nexus?: string[] }} */ (
        await ready
      );
    await linkAgents(root, env, seed.rackId, sim);
    log(describeRack(sim));
    banner = [
      `demo accounts (password from ${from}): ${seed.accounts.map((/** @type {{ name: string, roles: string[] }} */ a) => `${a.name} [${a.roles.join(", ")}]`).join(", ")}`,
      `demo password: ${password}`,
    ];
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

/**
 * Seeds accounts, rack "demo" and its blueprint (written to `blueprintFile`); returns what
 * the seed's SEED_READY line says.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 * @param {string} blueprintFile
 */
async function seedDemo(root, env, blueprintFile) {
  const lines = await runTsx(
    root,
    ["server/seed/main.ts", "prepare", "--blueprint-out", blueprintFile],
    env,
  );
  const seedLine = lines.find((l) => l.startsWith(SEED_READY));
  if (!seedLine) throw new Error("the demo seed printed no SEED_READY line");
  return JSON.parse(seedLine.slice(SEED_READY.length));
}

/**
 * sim/main.ts's arguments for the demo rack, with its simulated Nexus.
 * @param {{ profiles: Record<string, string> }} seed
 * @param {string} blueprintFile
 * @param {string} simDir
 * @param {number} port
 */
function demoSimArgs(seed, blueprintFile, simDir, port) {
  // Each agent speaks the profile the seed chose for its sled (two January-2025 `split` sleds,
  // the rest `reconciler`); the rack's rows record what each agent really speaks.
  return [
    "--blueprint",
    blueprintFile,
    "--data",
    simDir,
    "--port",
    String(port),
    ...Object.entries(seed.profiles).flatMap(([id, profile]) => [
      "--sled-profile",
      `${id}=${profile}`,
    ]),
    ...["--nexus", "1", "--nexus-port", String(port > 0 ? port + 32 : 0)],
    ...["--nexus-planner-ms", process.env.DEMO_NEXUS_PLANNER_MS ?? "60000"],
  ];
}

/**
 * Starts the simulated rack as a child process (its pid in `pidFile`, so a later start can
 * stop a leftover); `stop` ends it gracefully.
 * @param {string} root
 * @param {string[]} simArgs
 * @param {string} pidFile
 * @param {(line: string) => void} log
 */
function startDemoSim(root, simArgs, pidFile, log) {
  const { child, ready } = startSim(root, simArgs, (m) => log(`sim: ${m}`));
  writeFileSync(pidFile, String(child.pid));
  const killNow = () => child.kill("SIGKILL");
  process.on("exit", killNow); // process.exit() during a failed start must not orphan it
  const stop = async () => {
    process.off("exit", killNow);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    rmSync(pidFile, { force: true });
    log("stopped the simulated rack");
  };
  return { ready, stop };
}

/**
 * Points the rack's sled agents and Nexus instances at the simulated ones.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 * @param {string} rackId
 * @param {{ sleds: { id: string, url: string, profile: string }[], nexus?: string[] }} sim
 */
async function linkAgents(root, env, rackId, sim) {
  await runTsx(
    root,
    [
      "server/seed/main.ts",
      "agents",
      "--rack-id",
      rackId,
      "--sleds",
      JSON.stringify(sim.sleds),
      "--nexus",
      JSON.stringify(sim.nexus ?? []),
    ],
    env,
  );
}

/**
 * `rack "demo": 32 simulated sled agents from … (30 reconciler, 2 split), …`
 * @param {{ admin: string | null, sleds: { id: string, url: string, profile: string }[], nexus?: string[] }} sim
 */
function describeRack(sim) {
  const profiles = sim.sleds.reduce(
    (/** @type {Record<string, number>} */ n, s) => ({
      ...n,
      [s.profile]: (n[s.profile] ?? 0) + 1,
    }),
    {},
  );
  const counts = Object.entries(profiles)
    .map(([p, n]) => `${n} ${p}`)
    .join(", ");
  return `rack "demo": ${sim.sleds.length} simulated sled agents from ${sim.sleds[0]?.url ?? "-"} (${counts}), fault injection at ${sim.admin}, Nexus at ${(sim.nexus ?? []).join(", ") || "-"}`;
}

/** @type {string[]} */
let banner = [];

/** Lines for the end of startup (after the build output), so the logins are easy to find. */
export function demoRackBanner() {
  return banner;
}
