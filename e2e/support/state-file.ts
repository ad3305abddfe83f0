/** What the global setup started, for the specs and the teardown (test-results/e2e-state.json). */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SeedState } from "./racks";

export interface E2EState {
  databaseUrl: string;
  consolePid: number;
  seedPid: number;
  simDir: string;
  seed: SeedState;
}

const FILE = resolve(import.meta.dirname, "../../test-results/e2e-state.json");

export function readState(): E2EState {
  return JSON.parse(readFileSync(FILE, "utf8")) as E2EState; // written by writeState below
}

export function writeState(state: E2EState): void {
  writeFileSync(FILE, JSON.stringify(state, null, 2));
}
