/**
 * A standalone executor process: drives approved and running executions from the database
 * (the same supervisor the console server runs). Several may run against one database.
 *   DATABASE_URL=… node --import tsx server/executor/worker.ts
 */
import { startSupervisor } from "./supervisor.ts";

const supervisor = startSupervisor({ pollMs: Number(process.env.EXECUTOR_POLL_MS ?? 250) });
console.log(`WORKER_READY ${supervisor.runner}`);
const shutdown = () => {
  void supervisor.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
