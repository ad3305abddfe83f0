/**
 * Control of a running simulated rack, shared by the admin HTTP server and in-process tests:
 * faults per sled or `all`, refusing connections, crash/restart, and a look inside each sled
 * (ledger file, reconciler phases, request log). Unknown sled ids come back as values.
 */
import { ALL, type FaultInjector, type FaultSpec } from "./fault-injector";
import type { SledFile } from "./ledger-store";
import type { PhaseRecord } from "./reconciler";
import type { RequestRecord } from "./request-log";
import type { SledHost } from "./sled-host";
import type { NexusControl } from "./nexus/nexus";

export interface SledSummary {
  id: string;
  address: string;
  profile: string;
  /** false: crashed and not restarted. */
  up: boolean;
  /** false: refusing connections (or down). */
  listening: boolean;
  reconciler: { status: string; phase: string | null } | null;
}

export interface SledDetail extends SledSummary {
  ledger: SledFile | null;
  phaseLog: PhaseRecord[];
  requestLog: RequestRecord[];
}

export type Targeted<T = void> = { ok: true; value: T } | { ok: false; message: string };

export class SimControl {
  /** The rack's simulated Nexus, when it has one (`nexus` option of the rack). */
  nexus: NexusControl | null = null;

  constructor(
    private readonly hosts: readonly SledHost[],
    readonly faults: FaultInjector,
  ) {}

  host(id: string): SledHost | undefined {
    return this.hosts.find((h) => h.id === id);
  }

  /** `all` or one sled id. */
  private targets(target: string): Targeted<SledHost[]> {
    if (target === ALL) return { ok: true, value: [...this.hosts] };
    const h = this.host(target);
    return h ? { ok: true, value: [h] } : { ok: false, message: `no simulated sled ${target}` };
  }

  summary(h: SledHost): SledSummary {
    const r = h.agent?.reconciler;
    return {
      id: h.id,
      address: h.address,
      profile: h.profile,
      up: h.up,
      listening: h.listening,
      reconciler: r ? { status: r.statusJson().status, phase: r.currentPhase } : null,
    };
  }

  sleds(): SledSummary[] {
    return this.hosts.map((h) => this.summary(h));
  }

  detail(id: string): Targeted<SledDetail> {
    const h = this.host(id);
    if (!h) return { ok: false, message: `no simulated sled ${id}` };
    const phaseLog = h.agent?.reconciler?.phaseLog ?? [];
    return {
      ok: true,
      value: {
        ...this.summary(h),
        ledger: h.agent?.snapshot() ?? null,
        phaseLog: [...phaseLog],
        requestLog: h.log.list(),
      },
    };
  }

  setFaults(target: string, spec: FaultSpec, mode: "merge" | "replace" = "merge"): Targeted {
    const t = this.targets(target);
    if (!t.ok) return t;
    if (mode === "merge") this.faults.update(target, spec);
    else this.faults.replace(target, spec);
    return { ok: true, value: undefined };
  }

  /** Clears faults (one target or everything) and resets the requests they left hanging. */
  clearFaults(target?: string): Targeted {
    const t = this.targets(target ?? ALL);
    if (!t.ok) return t;
    this.faults.clear(target);
    for (const h of t.value) h.releaseHung();
    return { ok: true, value: undefined };
  }

  faultState() {
    return {
      faults: this.faults.snapshot(),
      refusing: this.hosts.filter((h) => h.up && !h.listening).map((h) => h.id),
      down: this.hosts.filter((h) => !h.up).map((h) => h.id),
    };
  }

  private async each(target: string, fn: (h: SledHost) => Promise<void>): Promise<Targeted> {
    const t = this.targets(target);
    if (!t.ok) return t;
    await Promise.all(t.value.map(fn));
    return { ok: true, value: undefined };
  }

  refuse(target: string, forMs?: number) {
    return this.each(target, (h) => h.refuse(forMs));
  }
  accept(target: string) {
    return this.each(target, (h) => h.accept());
  }
  /** `restartAfterMs` undefined: stays down until `restart`. */
  crash(target: string, restartAfterMs?: number) {
    return this.each(target, (h) => h.crash(restartAfterMs));
  }
  restart(target: string) {
    return this.each(target, (h) => h.restart());
  }

  /** Items of a `reconciler` sled whose reconciliation fails with the given message ({}: none). */
  setReconcileErrors(target: string, items: Record<string, string>): Targeted {
    const t = this.targets(target);
    if (!t.ok) return t;
    const agents = t.value.map((h) => h.agent?.reconciler);
    if (agents.some((r) => !r))
      return { ok: false, message: `sled ${target} is down or has no config reconciler` };
    for (const r of agents) r?.setInjectedErrors(items);
    return { ok: true, value: undefined };
  }

  /** Every running `reconciler` agent has finished its current reconciliation. */
  async whenReconciled(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.agent?.reconciler?.whenIdle() ?? Promise.resolve()));
  }
}
