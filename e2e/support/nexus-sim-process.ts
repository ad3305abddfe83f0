/**
 * A simulated rack with a simulated Nexus (sim/main.ts --nexus), for the Nexus journey: free
 * ports, no planner timer (the spec makes planning steps through the admin API,
 * `POST /__sim/nexus/plan`) and no executor pushes. Stopped after the spec file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const READY_PREFIX = "SIM_READY "; // sim/cli-options.ts
const START_TIMEOUT_MS = 60_000;

export interface NexusSim {
  child: ChildProcess;
  /** The simulator's admin API base URL. */
  admin: string;
  /** Nexus's first blueprint, its initial target. */
  blueprintId: string;
  nexusUrls: string[];
}

/** `seed`: the blueprint ids derive from it; a spec of its own needs its own (one rack per blueprint). */
export function startNexusSim(instances: number, seed = "e2e-nexus"): Promise<NexusSim> {
  const args = ["--sleds", "2", "--port", "0", "--admin-port", "0", "--reconcile-ms", "150"];
  args.push("--data", mkdtempSync(join(tmpdir(), "bpc-e2e-nexus-sim-")));
  args.push("--nexus", String(instances), "--nexus-executor-ms", "0", "--seed", seed);
  const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(
      () => rej(new Error(`sim/main.ts did not start:\n${out}`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      const ready = JSON.parse(line.slice(READY_PREFIX.length)) as {
        admin: string;
        blueprintId: string;
        nexus: string[];
      }; // printed by sim/main.ts printReady
      res({ child, admin: ready.admin, blueprintId: ready.blueprintId, nexusUrls: ready.nexus });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`sim/main.ts exited (${code}):\n${out}`));
    });
  });
}

export function stopNexusSim(sim: NexusSim | undefined): Promise<void> {
  const child = sim?.child;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once("exit", () => res());
    child.kill("SIGTERM");
  });
}

/** One planning step now (`POST /__sim/nexus/plan`): the new blueprint's id, now the target. */
export async function planNow(sim: NexusSim): Promise<string> {
  const r = await fetch(`${sim.admin}/__sim/nexus/plan`, { method: "POST" });
  if (!r.ok) throw new Error(`POST /__sim/nexus/plan: HTTP ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { blueprintId: string | null }; // sim/nexus/admin-routes.ts
  if (!body.blueprintId) throw new Error("the simulated planner made no blueprint");
  return body.blueprintId;
}

/** Every instance answers in this era from now on (`future`: one the console cannot read). */
export async function setNexusEra(sim: NexusSim, era: "lockstep" | "jan-2025" | "future") {
  const r = await fetch(`${sim.admin}/__sim/nexus/all/era`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ era }),
  });
  if (!r.ok) throw new Error(`POST /__sim/nexus/all/era: HTTP ${r.status} ${await r.text()}`);
}

/**
 * Holds the simulated planner back on `kind` (`POST /__sim/nexus/block`, sim/nexus/reports.ts)
 * and makes one planning pass, so every instance's planner task reports what it waits on.
 */
export async function blockPlanner(sim: NexusSim, kind: string): Promise<void> {
  const r = await fetch(`${sim.admin}/__sim/nexus/block`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kind }),
  });
  if (!r.ok) throw new Error(`POST /__sim/nexus/block: HTTP ${r.status} ${await r.text()}`);
  const p = await fetch(`${sim.admin}/__sim/nexus/plan`, { method: "POST" });
  if (!p.ok) throw new Error(`POST /__sim/nexus/plan: HTTP ${p.status} ${await p.text()}`);
  const body = (await p.json()) as { blueprintId: string | null };
  if (body.blueprintId)
    throw new Error(`the blocked planner made ${body.blueprintId} all the same`);
}

/** Lets the planner go (`DELETE /__sim/nexus/block`); the next planning step makes a target. */
export async function unblockPlanner(sim: NexusSim): Promise<void> {
  const r = await fetch(`${sim.admin}/__sim/nexus/block`, { method: "DELETE" });
  if (!r.ok) throw new Error(`DELETE /__sim/nexus/block: HTTP ${r.status} ${await r.text()}`);
}
