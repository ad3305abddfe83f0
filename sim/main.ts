/**
 * The simulated rack as a process: `npx tsx sim/main.ts --sleds 32` (see cli-options.ts).
 * Prints one line per sled (`sled <id> <url> <profile>`), the admin URL, and a machine-readable
 * `SIM_READY {json}` line for programs that start it as a child process; stops cleanly on
 * SIGINT/SIGTERM (ledgers are already on disk).
 */
import { resolve } from "node:path";
import { loadBlueprint } from "./blueprint-source";
import { parseSimArgs, READY_PREFIX, USAGE } from "./cli-options";
import { startSimulatedRack, type SimulatedRack } from "./rack";

async function main(argv: string[]): Promise<number> {
  const args = parseSimArgs(argv);
  if (!args.ok) {
    console.error(`${args.message}\n${USAGE}`);
    return 2;
  }
  const opts = args.options;
  const bp = await loadBlueprint(opts.blueprintFile, opts.sleds ?? 1, opts.seed);
  if (!bp.ok) {
    console.error(bp.message);
    return 1;
  }
  const active = bp.blueprint.sleds.filter((s) => s.state !== "decommissioned").length;
  if (opts.blueprintFile !== null && opts.sleds !== null && opts.sleds !== active) {
    console.error(`note: --sleds ${opts.sleds} ignored; the blueprint has ${active} active sleds`);
  }
  const rack = await startSimulatedRack({
    blueprint: bp.blueprint,
    profile: opts.profile,
    sledProfiles: opts.sledProfiles,
    basePort: opts.basePort,
    adminPort: opts.adminPort,
    dataDir: resolve(opts.dataDir),
    datasetDeletion: opts.datasetDeletion,
    reconcileMs: opts.reconcileMs,
    refusalStatus: opts.refusalStatus,
    seed: opts.seed ?? 0,
    ...(opts.nexus && { nexus: opts.nexus }),
  });
  printReady(rack, bp.blueprint.id, opts.nexus?.era);
  await stopOnSignal(rack);
  return 0;
}

/** The human-readable lines, then the `SIM_READY {json}` line for a parent process. */
function printReady(rack: SimulatedRack, blueprintId: string, nexusEra: string | undefined) {
  for (const s of rack.sleds) console.log(`sled ${s.id} ${s.url} ${s.profile}`);
  console.log(
    `admin ${rack.admin ?? "-"}  (faults: npx tsx sim/faults.ts --admin ${rack.admin ?? "URL"} --help)`,
  );
  for (const url of rack.nexus?.urls ?? []) console.log(`nexus ${url} ${nexusEra ?? ""}`);
  console.log(`data ${rack.dataDir}  blueprint ${blueprintId}`);
  console.log(
    READY_PREFIX +
      JSON.stringify({
        admin: rack.admin,
        blueprintId,
        dataDir: rack.dataDir,
        sleds: rack.sleds,
        nexus: rack.nexus?.urls ?? [],
      }),
  );
}

/** Resolves once the rack has stopped after SIGINT or SIGTERM. */
function stopOnSignal(rack: SimulatedRack): Promise<void> {
  return new Promise<void>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1); // a second signal: give up waiting
      stopping = true;
      console.log(`${signal}: stopping the simulated rack`);
      rack.stop().then(done, (e: unknown) => {
        console.error(e);
        done();
      });
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
