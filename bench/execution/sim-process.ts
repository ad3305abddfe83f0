/**
 * The simulated rack in its own process (sim/main.ts), as the sleds would be other
 * machines: the executor's process is not slowed by serving them. Faults go through the
 * simulator's admin API, the same way an operator's faults CLI does.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { READY_PREFIX } from "~/sim/cli-options.ts";

export interface SimSled {
  id: string;
  url: string;
  profile: SledAgentProfile;
}

export interface SimProcess {
  sleds: SimSled[];
  /** The simulator's process id (CPU accounting). */
  pid: number | undefined;
  admin: string;
  /** POST /__sim/faults: merge a fault spec for one sled or `all`. */
  setFaults(spec: Record<string, unknown>): Promise<void>;
  /** GET /__sim/sleds/:id: the sled's request log (each request's time in the simulator). */
  requestLog(
    sledId: string,
  ): Promise<{ method: string; path: string; status: number | null; durationMs: number }[]>;
  /** POST /__sim/sleds/:id/refuse: stop listening, for `forMs` if given. */
  refuse(sledId: string, forMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface SimProcessOptions {
  blueprintFile: string;
  profile: SledAgentProfile;
  reconcileMs: number;
  seed: string;
}

export async function startSimProcess(opts: SimProcessOptions): Promise<SimProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "bpc-bench-sim-"));
  const child = spawn(process.execPath, simArgs(opts, dataDir), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = await simReady(child);
  const admin = adminCaller(ready.admin);
  return {
    sleds: ready.sleds,
    pid: child.pid,
    admin: ready.admin,
    setFaults: async (spec) =>
      void (await admin("POST", "/__sim/faults", { sled: "all", ...spec })),
    refuse: async (sledId, forMs) =>
      void (await admin(
        "POST",
        `/__sim/sleds/${encodeURIComponent(sledId)}/refuse`,
        forMs === undefined ? {} : { forMs },
      )),
    requestLog: async (sledId) =>
      (
        (await admin("GET", `/__sim/sleds/${encodeURIComponent(sledId)}`)) as {
          requestLog: Awaited<ReturnType<SimProcess["requestLog"]>>;
        }
      ).requestLog, // the admin API's SledDetail
    stop: () => stopChild(child, dataDir),
  };
}

/** Node's arguments for sim/main.ts: free ports, a fresh data dir. */
function simArgs(opts: SimProcessOptions, dataDir: string): string[] {
  // BENCH_SIM_PROFILE_DIR=<dir>: the simulator writes a CPU profile there when it stops.
  const prof = process.env.BENCH_SIM_PROFILE_DIR;
  return [
    ...(prof ? ["--cpu-prof", "--cpu-prof-dir", prof] : []),
    "--import",
    "tsx",
    "sim/main.ts",
    "--blueprint",
    opts.blueprintFile,
    "--profile",
    opts.profile,
    "--port",
    "0",
    "--admin-port",
    "0",
    "--data",
    dataDir,
    "--reconcile-ms",
    String(opts.reconcileMs),
    "--seed",
    opts.seed,
  ];
}

/** The simulator's SIM_READY line; rejects with its stderr if it exits first. */
function simReady(child: ChildProcessByStdio<null, Readable, Readable>) {
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise<{ admin: string; sleds: SimSled[] }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith(READY_PREFIX))
        resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { admin: string; sleds: SimSled[] });
    });
    child.once("exit", (code) =>
      reject(new Error(`simulator exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/** A JSON call to the simulator's admin API; throws on a non-2xx answer. */
function adminCaller(baseUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(`simulator admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
