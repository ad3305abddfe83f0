/**
 * A standalone executor process: drives approved and running executions from the database
 * (the same supervisor the console server runs). Several may run against one database.
 *   DATABASE_URL=… node --import tsx server/executor/worker.ts [--execution ID]…
 * With --execution, it drives only the named executions.
 */
import { parseArgs } from "node:util";
import { startSupervisor } from "./supervisor.ts";

const { values } = parseArgs({ options: { execution: { type: "string", multiple: true } } });
const executionIds = values.execution;
const supervisor = startSupervisor({
  pollMs: Number(process.env.EXECUTOR_POLL_MS ?? 250),
  scope: executionIds ? () => ({ executionIds }) : undefined,
});
console.log(`WORKER_READY ${supervisor.runner}`);
const shutdown = () => {
  void supervisor.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
