/**
 * The demo seed as a process, for scripts/start.mjs (which is plain Node and starts the
 * simulated rack between the two steps):
 *   node --import tsx server/seed/main.ts prepare --blueprint-out FILE
 *     seeds accounts, rack and example blueprint (DEMO_PASSWORD), writes the rack's current
 *     blueprint as omicron JSON to FILE for the simulator, prints `SEED_READY {json}`;
 *   node --import tsx server/seed/main.ts rack --name NAME
 *     makes sure an (empty) rack of that name exists, prints `SEED_READY {rackId, createdRack}`;
 *   node --import tsx server/seed/main.ts agents --rack-id ID --sleds JSON
 *     registers the simulator's agents ([{id, url, profile}]) for the rack;
 *     with `--nexus JSON` (a list of URLs; `[]` unlinks) also sets the rack's Nexus link.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import { setNexusInstances } from "../repo/nexus.ts";
import { ensureRack, findRackByName } from "../repo/racks.ts";
import { demoProfiles, registerDemoAgents, seedDemo } from "./demo.ts";

export const SEED_READY_PREFIX = "SEED_READY ";

const simSleds = z.array(
  z.object({ id: z.string(), url: z.url(), profile: z.enum(["split", "reconciler"]) }),
);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      "blueprint-out": { type: "string" },
      "rack-id": { type: "string" },
      sleds: { type: "string" },
      nexus: { type: "string" },
      name: { type: "string" },
    },
  });
  if (command === "prepare") {
    const password = process.env.DEMO_PASSWORD;
    const out = values["blueprint-out"];
    if (!password || !out) throw new Error("prepare needs DEMO_PASSWORD and --blueprint-out FILE");
    const seed = await seedDemo(password);
    await writeFile(out, `${JSON.stringify(toOmicronJson(seed.current), null, 1)}\n`);
    const ready = {
      rackId: seed.rackId,
      createdRack: seed.createdRack,
      blueprintId: seed.current.id,
      profiles: demoProfiles(seed.current),
      accounts: seed.accounts,
    };
    console.log(SEED_READY_PREFIX + JSON.stringify(ready));
  } else if (command === "rack") {
    if (!values.name) throw new Error("rack needs --name NAME");
    const createdRack = (await findRackByName(values.name)) === null;
    const rack = await ensureRack(values.name);
    console.log(SEED_READY_PREFIX + JSON.stringify({ rackId: rack.id, createdRack }));
  } else if (command === "agents") {
    const rackId = values["rack-id"];
    if (!rackId || !values.sleds) throw new Error("agents needs --rack-id ID --sleds JSON");
    await registerDemoAgents(rackId, simSleds.parse(JSON.parse(values.sleds)));
    // A linked rack follows its Nexus: the poller reads it from then on.
    if (values.nexus)
      await setNexusInstances(rackId, z.array(z.url()).parse(JSON.parse(values.nexus)));
  } else {
    throw new Error(
      "usage: server/seed/main.ts prepare --blueprint-out FILE | rack --name NAME | agents --rack-id ID --sleds JSON [--nexus JSON]",
    );
  }
}

// Explicit exits: Prisma's idle pool would keep the process alive for seconds.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`demo seed failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
