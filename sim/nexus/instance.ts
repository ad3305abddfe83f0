/**
 * One simulated Nexus instance: its own HTTP server (a real rack has one lockstep endpoint per
 * Nexus zone), per-request faults from the shared FaultInjector under the target id
 * `nexus-<index>`, refusing connections, a *stale* mode that keeps serving the state as it
 * was when it was set (an instance that has lost its database connection, or an old Nexus
 * during an update), and a per-instance era.
 */
import type http from "node:http";
import type { FaultInjector } from "../fault-injector";
import { HttpHost, serveWithFaults } from "../http-host";
import { RequestLog } from "../request-log";
import { handleNexus, type NexusEra } from "./api";
import type { NexusState } from "./state";

export const nexusFaultTarget = (index: number) => `nexus-${index}`;

export class NexusInstance {
  private readonly host: HttpHost;
  private frozen: NexusState | null = null;
  private readonly abort = new AbortController();
  readonly log = new RequestLog();

  constructor(
    readonly index: number,
    public era: NexusEra,
    private readonly shared: NexusState,
    private readonly faults: FaultInjector,
    hostname: string,
    port: number,
    private readonly now: () => Date,
    private readonly onChange: () => void,
  ) {
    this.host = new HttpHost(hostname, port, (req, res) => void this.onRequest(req, res));
  }

  get url(): string {
    return `http://${this.host.address}`;
  }
  get listening(): boolean {
    return this.host.listening;
  }
  get stale(): boolean {
    return this.frozen !== null;
  }

  /** Stale: keep answering from the state as it is now, whatever happens later. */
  setStale(stale: boolean): void {
    this.frozen = stale ? this.shared.snapshot() : null;
  }

  async listen(): Promise<void> {
    await this.host.listen();
  }

  async refuse(forMs?: number): Promise<void> {
    await this.host.refuse(forMs, () => this.accept());
  }

  async accept(): Promise<void> {
    this.host.clearTimer();
    await this.host.listen();
  }

  releaseHung(): void {
    this.host.releaseHung();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.refuse();
    this.host.clearTimer();
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://nexus");
    await serveWithFaults(req, res, {
      host: this.host,
      faults: this.faults,
      target: nexusFaultTarget(this.index),
      log: this.log,
      signal: this.abort.signal,
      path: url.pathname,
      respond: async (body, requestId) =>
        handleNexus(
          {
            state: this.frozen ?? this.shared,
            era: this.era,
            now: this.now,
            onChange: this.onChange,
          },
          method,
          url,
          body,
          requestId,
        ),
    });
  }
}
