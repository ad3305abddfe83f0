// Runs once when the Next server boots: fail fast on a bad environment, then start this
// process's executor supervisor, which resumes approved and running executions from the
// database (after a crash or restart) and drives new ones as they are approved.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./server/env.ts");
    env();
    if (process.env.NEXUS_POLL_DISABLED !== "1") {
      // Linked racks follow their Nexus (issue 14); one process per rack at a time (a lease).
      const { startNexusPoller, newPollerId } = await import("./server/nexus/poller.ts");
      startNexusPoller({ owner: newPollerId() });
    }
    if (process.env.EXECUTOR_DISABLED === "1") return;
    const { startSupervisor } = await import("./server/executor/supervisor.ts");
    const { onExecutionApproved } = await import("./server/services/executions.ts");
    const supervisor = startSupervisor();
    onExecutionApproved(() => supervisor.kick());
    // No signal handlers here: Next owns shutdown, and an execution this process was driving
    // is resumed by whichever process next finds its lease lapsed.
    console.log(`[executor] supervisor ${supervisor.runner} started`);
  }
}
