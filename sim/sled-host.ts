/**
 * The network side of one simulated sled: a real HTTP server on its own loopback port (real
 * sled agents each have their own address), per-request faults, and the connection-level
 * faults — refusing connections (not listening) and crash/restart (the agent instance is
 * dropped and rebuilt from its ledger file; open connections are reset, as when a process dies).
 */
import type http from "node:http";
import type { SledAgentProfile } from "../lib/wire/types";
import type { FaultInjector } from "./fault-injector";
import { HttpHost, serveWithFaults } from "./http-host";
import { generationOf, RequestLog } from "./request-log";
import type { SimulatedSledAgent } from "./sled-agent";

export class SledHost {
  agent: SimulatedSledAgent | null = null;
  private readonly host: HttpHost;
  readonly log = new RequestLog();

  constructor(
    readonly id: string,
    readonly index: number,
    readonly profile: SledAgentProfile,
    hostname: string,
    port: number,
    private readonly faults: FaultInjector,
    private readonly onArrival:
      | ((arrival: { sledId: string; method: string; path: string }) => Promise<void> | void)
      | undefined,
    private readonly loadAgent: () => Promise<SimulatedSledAgent>,
  ) {
    this.host = new HttpHost(hostname, port, (req, res) => void this.onRequest(req, res));
  }

  get address(): string {
    return this.host.address;
  }
  get listening(): boolean {
    return this.host.listening;
  }
  get up(): boolean {
    return this.agent !== null;
  }

  /** Boot the agent (from its ledger file) and start listening. */
  async start(): Promise<void> {
    this.agent = await this.loadAgent();
    await this.host.listen();
    this.agent.start();
  }

  /** Refuse connections, for `forMs` or until `accept()`. */
  async refuse(forMs?: number): Promise<void> {
    await this.host.refuse(forMs, () => this.accept());
  }

  async accept(): Promise<void> {
    this.host.clearTimer();
    if (this.agent) await this.host.listen();
  }

  /** Kill the agent: in-flight requests are reset, unledgered work is lost. */
  async crash(restartAfterMs?: number): Promise<void> {
    this.host.clearTimer();
    await this.host.stopListening();
    const agent = this.agent;
    this.agent = null;
    await agent?.dispose();
    if (restartAfterMs !== undefined) this.host.later(restartAfterMs, () => this.restart());
  }

  async restart(): Promise<void> {
    this.host.clearTimer();
    if (!this.agent) await this.start();
  }

  /** Hung requests are reset (their clients get ECONNRESET if still waiting). */
  releaseHung(): void {
    this.host.releaseHung();
  }

  async stop(): Promise<void> {
    await this.crash();
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const agent = this.agent;
    if (!agent) return void req.socket.destroy();
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (this.onArrival) await this.onArrival({ sledId: this.id, method, path });
    await serveWithFaults(req, res, {
      host: this.host,
      faults: this.faults,
      target: this.id,
      log: this.log,
      signal: agent.signal,
      path,
      generationOf,
      alive: () => this.agent === agent,
      respond: (body, requestId) => agent.handle(method, path, body, requestId),
    });
  }
}
