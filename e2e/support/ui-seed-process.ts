/**
 * Starts seed-ui.ts for one spec file and stops it afterwards (it hosts the `ui-expunge`
 * rack's simulated sled agents, so it must live as long as the spec).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { readState } from "./state-file";
import { UI_READY_LINE, type UiSeed } from "./ui-racks";

const ROOT = resolve(import.meta.dirname, "../..");
const SEED_TIMEOUT_MS = 90_000;

export function startUiSeed(): Promise<{ child: ChildProcess; seed: UiSeed }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(ROOT, "e2e/support/seed-ui.ts")],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: readState().databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(
      () => rej(new Error(`seed-ui.ts did not finish in time:\n${out}`)),
      SEED_TIMEOUT_MS,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(UI_READY_LINE));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      res({ child, seed: JSON.parse(line.slice(UI_READY_LINE.length)) as UiSeed }); // printed by seed-ui.ts
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`seed-ui.ts exited (${code}):\n${out}`));
    });
  });
}

export function stopUiSeed(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once("exit", () => res());
    child.kill("SIGTERM");
  });
}
