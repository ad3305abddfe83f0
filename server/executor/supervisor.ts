/**
 * In every console process: find executions that need a driver (approved or running, no live
 * lease) and drive them. After a crash or restart this is what resumes running executions;
 * with several processes on one database, the lease makes sure only one drives each.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { executionsNeedingDriver, type DriverScope } from "../repo/leases.ts";
import { ClientPool } from "./client-pool.ts";
import { executorConfig, type ExecutorConfig } from "./config.ts";
import { driveExecution, type DriveResult } from "./drive.ts";

export interface Supervisor {
  runner: string;
  /** Look for work now (after an approval) instead of at the next poll. */
  kick(): void;
  /** Resolves when every execution this process drives has stopped. */
  stop(): Promise<void>;
  /** Executions this process is driving right now. */
  active(): string[];
}

export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface SupervisorOptions {
  pollMs?: number;
  cfg?: Partial<ExecutorConfig>;
  runner?: string;
  /** Only these racks or executions (default: all). */
  scope?: () => DriverScope;
  /**
   * Drive at most this many executions at once (default: EXECUTOR_MAX_EXECUTIONS, else no
   * limit). In a fleet of console processes on one database it spreads a batch of approved
   * executions over the processes instead of the first to poll taking them all; keep
   * (processes − 1) × the limit ≥ the batch, so the survivors can take over a dead one's.
   */
  maxActive?: number;
  onResult?: (id: string, r: DriveResult) => void;
}

export function startSupervisor(opts: SupervisorOptions = {}): Supervisor {
  const runner = opts.runner ?? newRunnerId();
  const cfg = executorConfig(opts.cfg);
  const clients = new ClientPool(cfg.callTimeoutMs);
  const driving = new Map<string, Promise<void>>();
  const maxActive = opts.maxActive ?? (Number(process.env.EXECUTOR_MAX_EXECUTIONS) || Infinity);
  let stopped = false;
  let polling = false;
  const poll = async () => {
    if (stopped || polling) return;
    polling = true;
    try {
      for (const id of await executionsNeedingDriver(opts.scope?.())) {
        if (driving.has(id) || stopped) continue;
        if (driving.size >= maxActive) break;
        const p = driveExecution(id, { runner, cfg, clients })
          .then((r) => opts.onResult?.(id, r))
          .catch((e: unknown) => console.error(`[executor] execution ${id}:`, e))
          .finally(() => driving.delete(id));
        driving.set(id, p);
      }
    } catch (e) {
      console.error("[executor] poll failed:", e instanceof Error ? e.message : e);
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), opts.pollMs ?? 1_000);
  void poll();
  return {
    runner,
    kick: () => void poll(),
    active: () => [...driving.keys()],
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled(driving.values());
      clients.close();
    },
  };
}
