/** Stops whichever console is current and the seed process (its simulated racks). */
import { rmSync } from "node:fs";
import { killPid } from "./console-server";
import { readState } from "./state-file";

export default async function globalTeardown(): Promise<void> {
  let state;
  try {
    state = readState();
  } catch {
    return; // the setup failed before starting anything
  }
  await killPid(state.consolePid, "SIGTERM");
  await killPid(state.consolePid, "SIGKILL");
  await killPid(state.seedPid, "SIGTERM");
  await killPid(state.seedPid, "SIGKILL");
  rmSync(state.simDir, { recursive: true, force: true });
}
