/**
 * One simulated sled agent process: its ledgers and physical state (loaded from the data
 * dir), its request handlers and, for `reconciler`, its config reconciler. A crash disposes
 * the instance; a restart builds a new one from the ledger file, so whatever was not ledgered
 * is gone — as with a real sled-agent restart.
 *
 * Requests and reconciler phases run one at a time (`exclusive`), and a change is written to
 * the ledger file before it takes effect in memory and before the request is answered.
 */
import type { AgentContext, AgentOptions, Routes } from "./agent-context";
import { violationReply } from "./errors";
import { errorReply, type Reply } from "./http-util";
import { writeSledFile, type SledFile } from "./ledger-store";
import type { SledIdentity } from "./hardware";
import { Reconciler, RECONCILER_ROUTES } from "./reconciler";
import { SPLIT_ROUTES } from "./split-api";
import type { Violation } from "../lib/sled/violations";
import type { SledAgentProfile, WireDisk } from "../lib/wire/types";

const ROUTES: Readonly<Record<SledAgentProfile, Routes>> = {
  split: SPLIT_ROUTES,
  reconciler: RECONCILER_ROUTES,
};

export class SimulatedSledAgent implements AgentContext {
  private file: SledFile;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();
  readonly reconciler: Reconciler | null;

  constructor(
    file: SledFile,
    readonly identity: () => SledIdentity,
    readonly opts: AgentOptions,
  ) {
    this.file = file;
    this.reconciler = file.profile === "reconciler" ? new Reconciler(this) : null;
  }

  get profile(): SledAgentProfile {
    return this.file.profile;
  }
  get state() {
    return this.file.state;
  }
  get config() {
    return this.file.config;
  }
  get hardware() {
    return this.file.hardware;
  }
  get signal(): AbortSignal {
    return this.abort.signal;
  }
  get disposed(): boolean {
    return this.abort.signal.aborted;
  }
  snapshot(): SledFile {
    return structuredClone(this.file);
  }

  /** Boot: the reconciler applies the ledgered config, as sled-agent does at startup. */
  start(): void {
    this.reconciler?.wake();
  }

  /** Runs `fn` with no other request or reconciler phase in between. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ledger first, then memory. False when the agent crashed meanwhile (nothing changes). */
  async commit(next: Partial<Pick<SledFile, "state" | "config" | "hardware">>): Promise<boolean> {
    if (this.disposed) return false;
    const file: SledFile = { ...this.file, ...next };
    await writeSledFile(this.opts.dataDir, file);
    if (this.disposed) return false;
    this.file = file;
    return true;
  }

  reject(violations: readonly Violation[], requestId: string): Reply {
    return violationReply(violations, this.opts.refusalStatus, requestId);
  }

  /** Physical disks are whatever the sled is told to manage (the simulator "hot-plugs" them). */
  hardwareWith(disks: readonly WireDisk[]): WireDisk[] {
    const known = new Set(this.file.hardware.map((d) => d.id));
    return [...this.file.hardware, ...disks.filter((d) => !known.has(d.id))];
  }

  async handle(method: string, path: string, body: unknown, requestId: string): Promise<Reply> {
    const route = ROUTES[this.profile][path];
    if (!route) return errorReply(404, null, "Not Found", requestId);
    const handler = method === "GET" || method === "PUT" ? route[method] : undefined;
    if (!handler) return errorReply(405, null, "Method Not Allowed", requestId);
    try {
      return await handler(this, body, requestId);
    } catch (e) {
      // a ledger write failed: 500, as at HEAD ("ledger commit failure"), not a dead process
      const why = e instanceof Error ? e.message : String(e);
      return errorReply(500, "Internal", `ledger commit failure: ${why}`, requestId);
    }
  }

  /** Crash or shutdown: stop the reconciler, let a ledger write in progress land. */
  async dispose(): Promise<void> {
    this.abort.abort();
    await this.queue;
    await this.reconciler?.whenIdle();
  }
}
