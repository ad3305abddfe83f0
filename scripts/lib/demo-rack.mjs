// The demo racks of `npm start`: seed accounts + rack "demo" + its example blueprint
// (server/seed/main.ts prepare), start the simulated rack from the rack's current blueprint
// (sim/main.ts, a child process), then point the rack's sled agents at it
// (server/seed/main.ts agents). The console executes changes on "demo" itself.
// A second rack, "demo-nexus", shows a rack run by Nexus: its own simulated sleds and a
// simulated Nexus (sim/nexus/) on SIM_PORT+32 (12232, omicron's lockstep port, by default)
// whose planner makes a child blueprint every DEMO_NEXUS_PLANNER_MS (60000; 0: off) and whose
// executor applies the target; the rack is linked to it, so blueprints arrive while you watch
// (DEMO_NEXUS=0 leaves it out). The two racks have separate sleds: Nexus's executor never
// touches the sleds the console executes on. DEMO=0 skips all of it.
//
// Environment: DEMO_PASSWORD (else a random one, kept in the demo directory across
// restarts), SIM_PORT (demo sled i listens on SIM_PORT+i, its admin on SIM_PORT-1; demo-nexus
// sled i on SIM_PORT+100+i, its admin on SIM_PORT+99; unset: 12200 when free, else free
// ports), DEMO_NEXUS_SIM_PORT (demo-nexus's sleds there instead of SIM_PORT+100), DEMO_DATA_DIR (default: beside the embedded PostgreSQL's data, i.e. .data/, so a
// throwaway database gets throwaway simulated racks).
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
/** demo-nexus's sleds listen from SIM_PORT + this; its admin one below. */
const NEXUS_RACK_OFFSET = 100;
const NEXUS_RACK_SLEDS = 4;

/** The simulator's base port: SIM_PORT as given, else 12200 if its ports are free, else 0 (free ports). */
async function simPort(/** @type {number} */ sleds) {
  if (process.env.SIM_PORT !== undefined) return Number(process.env.SIM_PORT);
  try {
    for (let p = DEFAULT_SIM_PORT - 1; p < DEFAULT_SIM_PORT + sleds; p++)
      await assertPortFree(p, "");
    await assertPortFree(DEFAULT_SIM_PORT + 32, ""); // the simulated Nexus
    for (
      let p = DEFAULT_SIM_PORT + NEXUS_RACK_OFFSET - 1;
      p < DEFAULT_SIM_PORT + NEXUS_RACK_OFFSET + NEXUS_RACK_SLEDS;
      p++
    )
      await assertPortFree(p, "");
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
  const withNexus = process.env.DEMO_NEXUS !== "0";
  // The two racks are independent: each step runs for both side by side.
  const [seed, nexusSeed] = await Promise.all([
    seedDemo(root, { ...env, DEMO_PASSWORD: password }, blueprintFile),
    withNexus
      ? runTsx(root, ["server/seed/main.ts", "rack", "--name", "demo-nexus"], env).then(readySeed)
      : undefined,
  ]);
  const port = await simPort(Object.keys(seed.profiles).length);
  const started = await Promise.allSettled([
    startRackSim(root, env, log, {
      name: "demo",
      rackId: seed.rackId,
      fresh: seed.createdRack,
      dir: join(dataDir, "sim"),
      args: (simDir) => demoSimArgs(seed, blueprintFile, simDir, port),
    }),
    ...(nexusSeed
      ? [
          startRackSim(root, env, log, {
            name: "demo-nexus",
            rackId: nexusSeed.rackId,
            fresh: nexusSeed.createdRack,
            dir: join(dataDir, "sim-nexus"),
            args: (simDir) => nexusSimArgs(simDir, port),
          }),
        ]
      : []),
  ]);
  /** @type {(() => Promise<void>)[]} */
  const stops = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = started.find((r) => r.status === "rejected");
  if (failed) {
    for (const stop of stops) await stop();
    throw failed.reason;
  }
  banner = [
    `demo accounts (password from ${from}): ${seed.accounts.map((/** @type {{ name: string, roles: string[] }} */ a) => `${a.name} [${a.roles.join(", ")}]`).join(", ")}`,
    `demo password: ${password}`,
  ];
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

/**
 * Starts one rack's simulator (stopping a leftover of an earlier start first; a fresh rack
 * gets fresh ledgers: old ones would contradict its blueprint), then points the rack's sled
 * agents at it and links it to the simulator's Nexus, or unlinks it when there is none.
 * Resolves with the function that stops the simulator.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 * @param {(line: string) => void} log
 * @param {{ name: string, rackId: string, fresh: boolean, dir: string, args: (simDir: string) => string[] }} rack
 */
async function startRackSim(root, env, log, rack) {
  const pidFile = `${rack.dir}.pid`;
  await stopLeftoverSim(pidFile, log);
  if (rack.fresh) rmSync(rack.dir, { recursive: true, force: true });
  const { ready, stop } = startDemoSim(root, rack.args(rack.dir), pidFile, log, rack.name);
  try {
    const sim =
      /** @type {{ admin: string | null, sleds: { id: string, url: string, profile: string }[], nexus?: string[] }} */ (
        await ready
      );
    await linkAgents(root, env, rack.rackId, sim);
    log(describeRack(rack.name, sim));
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

/** @param {string[]} lines */
function readySeed(lines) {
  const seedLine = lines.find((l) => l.startsWith(SEED_READY));
  if (!seedLine) throw new Error("the demo seed printed no SEED_READY line");
  return JSON.parse(seedLine.slice(SEED_READY.length));
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
  return readySeed(lines);
}

/**
 * sim/main.ts's arguments for the demo rack (no Nexus: the console executes on it).
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
  ];
}

/**
 * sim/main.ts's arguments for demo-nexus: four `reconciler` sleds of a fixed example rack, and
 * one simulated Nexus instance whose planner and executor run the rack.
 * @param {string} simDir
 * @param {number} port
 */
function nexusSimArgs(simDir, port) {
  const sledPort = process.env.DEMO_NEXUS_SIM_PORT
    ? Number(process.env.DEMO_NEXUS_SIM_PORT)
    : port > 0
      ? port + NEXUS_RACK_OFFSET
      : 0;
  return [
    ...["--sleds", String(NEXUS_RACK_SLEDS), "--seed", "demo-nexus", "--data", simDir],
    ...["--port", String(sledPort)],
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
 * @param {string} name
 */
function startDemoSim(root, simArgs, pidFile, log, name) {
  const { child, ready } = startSim(root, simArgs, (m) => log(`sim ${name}: ${m}`));
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
    log(`stopped the simulated rack of "${name}"`);
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
      "--nexus", // [] unlinks: a rack linked by an earlier start but now without a Nexus
      JSON.stringify(sim.nexus ?? []),
    ],
    env,
  );
}

/**
 * `rack "demo": 32 simulated sled agents from … (30 reconciler, 2 split), …`
 * @param {string} name
 * @param {{ admin: string | null, sleds: { id: string, url: string, profile: string }[], nexus?: string[] }} sim
 */
function describeRack(name, sim) {
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
  const nexus = sim.nexus?.length ? `, linked to its Nexus at ${sim.nexus.join(", ")}` : "";
  return `rack "${name}": ${sim.sleds.length} simulated sled agents from ${sim.sleds[0]?.url ?? "-"} (${counts}), fault injection at ${sim.admin}${nexus}`;
}

/** @type {string[]} */
let banner = [];

/** Lines for the end of startup (after the build output), so the logins are easy to find. */
export function demoRackBanner() {
  return banner;
}
