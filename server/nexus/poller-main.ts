/**
 * A Nexus poller as a process of its own, for tests that kill one mid-round (and for a
 * dedicated poller beside consoles started with NEXUS_POLL_DISABLED=1):
 *   node --import tsx server/nexus/poller-main.ts [--rack ID]… [--lease-ttl-ms N]
 * Prints `POLLER_READY <owner>` once started; SIGINT/SIGTERM stop it (releasing its leases).
 */
import { parseArgs } from "node:util";
import { newPollerId, startNexusPoller } from "./poller.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { rack: { type: "string", multiple: true }, "lease-ttl-ms": { type: "string" } },
});
const ttl = Number(values["lease-ttl-ms"]);
const poller = startNexusPoller({
  owner: newPollerId(),
  ...(values.rack && { rackIds: values.rack }),
  ...(ttl > 0 && { leaseTtlMs: ttl }),
});
console.log(`POLLER_READY ${poller.owner}`);
const stop = () => void poller.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
