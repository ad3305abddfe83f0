/** Executor tuning; tests and benchmarks override through the options, operators through env. */
export interface ExecutorConfig {
  /** Steps in flight across the rack. */
  concurrency: number;
  /** Steps in flight on one sled (a sled's steps form a chain, so 1 is the natural value). */
  perSledConcurrency: number;
  callTimeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** How long a `reconciler` step waits for inventory to show its generation reconciled. */
  reconcileTimeoutMs: number;
  reconcilePollMs: number;
  leaseTtlMs: number;
  /**
   * How often a running execution's state is read to notice a cancellation while no step
   * ends (every step's last statement returns it too, so no step starts after one ended).
   */
  cancelPollMs: number;
  /**
   * `nexus` mode: how long a sled's watch waits for Nexus's executor to bring it to the
   * target's generation, every item ok, and how often it reads the agent's inventory.
   */
  nexusWatchTimeoutMs: number;
  nexusWatchPollMs: number;
  /** The time maintenance windows are read at (tests move it; server/services/maintenance.ts). */
  now: () => Date;
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export function executorConfig(overrides: Partial<ExecutorConfig> = {}): ExecutorConfig {
  return {
    concurrency: num("EXECUTOR_CONCURRENCY", 16),
    perSledConcurrency: 1,
    callTimeoutMs: num("EXECUTOR_CALL_TIMEOUT_MS", 10_000),
    maxAttempts: num("EXECUTOR_MAX_ATTEMPTS", 6),
    backoffBaseMs: num("EXECUTOR_BACKOFF_BASE_MS", 200),
    backoffCapMs: num("EXECUTOR_BACKOFF_CAP_MS", 5_000),
    reconcileTimeoutMs: num("EXECUTOR_RECONCILE_TIMEOUT_MS", 60_000),
    reconcilePollMs: num("EXECUTOR_RECONCILE_POLL_MS", 100),
    leaseTtlMs: num("EXECUTOR_LEASE_TTL_MS", 10_000),
    cancelPollMs: num("EXECUTOR_CANCEL_POLL_MS", 1_000),
    nexusWatchTimeoutMs: num("EXECUTOR_NEXUS_WATCH_TIMEOUT_MS", 300_000),
    nexusWatchPollMs: num("EXECUTOR_NEXUS_WATCH_POLL_MS", 1_000),
    now: () => new Date(),
    ...overrides,
  };
}

/** Capped exponential backoff with full jitter (attempt 1 is the first retry). */
export function backoffMs(
  attempt: number,
  cfg: Pick<ExecutorConfig, "backoffBaseMs" | "backoffCapMs">,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(cfg.backoffCapMs, cfg.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
