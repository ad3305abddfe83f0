/**
 * The `reconciler` profile (omicron #8064): `PUT /omicron-config` validates and ledgers the
 * config, answers 204 and wakes the config reconciler, which then converges the sled phase by
 * phase (lib/sled/reconcile.ts `RECONCILER_PHASES`, the order of
 * sled-agent/config-reconciler/src/reconciler_task.rs `do_reconcilation`), spread evenly over
 * `reconcileMs`. Inventory shows the phases' effects as they land, `reconciler_status` while it
 * runs, and `last_reconciliation` once a pass completes. A config ledgered during a pass is
 * picked up by the next pass, as the real reconciler's watch channel does.
 *
 * Not simulated: the 5-second retry of retryable errors (the strict model's errors do not go
 * away by themselves), time sync, boot partitions, trust-quorum rekeying.
 */
import {
  emptyReconcileResult,
  ledgerConfig,
  RECONCILER_PHASES,
  type ReconcileResult,
} from "../lib/sled/reconcile";
import { sledConfigItems } from "../lib/wire/bodies";
import { sledConfigSchema } from "../lib/wire/schemas";
import type { SledConfigBody, WireDisk } from "../lib/wire/types";
import type { DurationJson, ReconcilerStatus } from "../lib/wire/agent-responses";
import { badBody } from "./errors";
import { errorReply, sleep, type Reply } from "./http-util";
import { reconcilerInventory } from "./inventory";
import type { AgentContext, Routes } from "./agent-context";

export interface PhaseRecord {
  generation: number;
  phase: string;
  at: string;
}

type Status =
  | { kind: "not_yet_run" }
  | { kind: "running"; config: SledConfigBody; startedAt: number }
  | { kind: "idle"; completedAt: number; ranForMs: number };

const PHASE_LOG_LIMIT = 100;

export class Reconciler {
  private status: Status = { kind: "not_yet_run" };
  private last: { config: SledConfigBody; result: ReconcileResult } | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The phases run so far (newest last), for tests and the admin API. */
  readonly phaseLog: PhaseRecord[] = [];
  /**
   * Items (disk, dataset or zone ids) whose reconciliation reports this error, whatever the
   * strict model says (admin API `POST /__sim/sleds/:id/reconcile-errors`; a crash forgets them).
   */
  private injected = new Map<string, string>();

  constructor(private readonly agent: AgentContext) {}

  /** Replaces the injected errors and runs a pass, so inventory shows them (or their end). */
  setInjectedErrors(items: Record<string, string>): void {
    this.injected = new Map(Object.entries(items));
    this.wake();
  }

  get injectedErrors(): Record<string, string> {
    return Object.fromEntries(this.injected);
  }

  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((e: unknown) => {
        // a ledger write failed mid-pass: report it; the next config change tries again
        console.error(`reconciler: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.running = null;
      });
  }

  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  get currentPhase(): string | null {
    return this.status.kind === "running" ? (this.phaseLog.at(-1)?.phase ?? "starting") : null;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const config = this.agent.config;
      if (!config || this.agent.disposed) return;
      await this.runOnce(config);
    } while (this.again && !this.agent.disposed);
  }

  private async runOnce(config: SledConfigBody): Promise<void> {
    const startedAt = Date.now();
    this.status = { kind: "running", config, startedAt };
    const result = emptyReconcileResult();
    const items = sledConfigItems(config);
    const stepMs = this.agent.opts.reconcileMs / RECONCILER_PHASES.length;
    for (const phase of RECONCILER_PHASES) {
      if (!(await sleep(stepMs, this.agent.signal))) return;
      const committed = await this.agent.exclusive(() =>
        this.agent.commit({
          state: phase.run(this.agent.state, items, result, this.agent.opts.rules),
        }),
      );
      if (!committed) return;
      this.phaseLog.push({
        generation: config.generation,
        phase: phase.name,
        at: new Date().toISOString(),
      });
      if (this.phaseLog.length > PHASE_LOG_LIMIT) this.phaseLog.shift();
    }
    const state = this.agent.state;
    const done = await this.agent.exclusive(() =>
      this.agent.commit({
        state: { ...state, generations: { ...state.generations, config: config.generation } },
      }),
    );
    if (!done) return;
    for (const kind of ["disks", "datasets", "zones"] as const)
      for (const [id, message] of this.injected)
        if (result[kind][id]) result[kind][id] = { result: "err", message };
    this.last = { config, result };
    this.status = { kind: "idle", completedAt: Date.now(), ranForMs: Date.now() - startedAt };
  }

  statusJson(): ReconcilerStatus {
    const s = this.status;
    if (s.kind === "not_yet_run") return { status: "not_yet_run" };
    if (s.kind === "running") {
      return {
        status: "running",
        config: s.config,
        started_at: new Date(s.startedAt).toISOString(),
        running_for: duration(Date.now() - s.startedAt),
      };
    }
    return {
      status: "idle",
      completed_at: new Date(s.completedAt).toISOString(),
      ran_for: duration(s.ranForMs),
    };
  }

  lastReconciliation() {
    return this.last;
  }
}

function duration(ms: number): DurationJson {
  const whole = Math.max(0, Math.floor(ms));
  return { secs: Math.floor(whole / 1000), nanos: (whole % 1000) * 1_000_000 };
}

/** `validate_sled_config` (sled-agent/config-reconciler/src/ledger.rs) beyond generations. */
function validationError(body: SledConfigBody): string | null {
  const isArtifact = (src: unknown) =>
    typeof src === "object" && src !== null && "type" in src && src.type === "artifact";
  const artifactZones = Object.values(body.zones).filter((z) => isArtifact(z.image_source));
  if (body.remove_mupdate_override && artifactZones.length > 0) {
    return `remove_mupdate_override is set while ${artifactZones.length} zone(s) use an artifact image source`;
  }
  return null;
}

const putConfig = async (agent: AgentContext, raw: unknown, requestId: string): Promise<Reply> => {
  const parsed = sledConfigSchema.safeParse(raw);
  if (!parsed.success) return badBody(parsed.error, requestId);
  const body: SledConfigBody = parsed.data;
  const invalid = validationError(body);
  if (invalid) return errorReply(400, "ValidationFailed", invalid, requestId);
  return agent.exclusive(async () => {
    const ledgered = agent.config;
    const check = ledgerConfig({ generation: ledgered?.generation ?? 1, config: ledgered }, body);
    if (!check.ok) return agent.reject(check.violations, requestId);
    if (check.changed) {
      const disks: WireDisk[] = Object.values(body.disks);
      if (await agent.commit({ config: body, hardware: agent.hardwareWith(disks) }))
        agent.reconciler?.wake();
    }
    return { status: 204 };
  });
};

export const RECONCILER_ROUTES: Routes = {
  "/omicron-config": { PUT: putConfig },
  "/inventory": {
    GET: async (agent) => {
      const r = agent.reconciler;
      const view = {
        ledgered: agent.config,
        status: r?.statusJson() ?? { status: "not_yet_run" as const },
        last: r?.lastReconciliation() ?? null,
      };
      return {
        status: 200,
        body: reconcilerInventory(agent.identity(), agent.state, agent.hardware, view),
      };
    },
  },
};
