/**
 * The network side of one simulated sled: a real HTTP server on its own loopback port (real
 * sled agents each have their own address), per-request faults, and the connection-level
 * faults — refusing connections (not listening) and crash/restart (the agent instance is
 * dropped and rebuilt from its ledger file; open connections are reset, as when a process dies).
 */
import http from "node:http";
import type { Socket } from "node:net";
import type { SledAgentProfile } from "../lib/wire/types";
import type { FaultInjector } from "./fault-injector";
import { injectedCode } from "./errors";
import { errorReply, newRequestId, readJsonBody, sendReply, sleep, type Reply } from "./http-util";
import { generationOf, RequestLog } from "./request-log";
import type { SimulatedSledAgent } from "./sled-agent";

export class SledHost {
  agent: SimulatedSledAgent | null = null;
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<http.ServerResponse>();
  private timer: NodeJS.Timeout | null = null;
  readonly log = new RequestLog();

  constructor(
    readonly id: string,
    readonly index: number,
    readonly profile: SledAgentProfile,
    private readonly hostname: string,
    private port: number,
    private readonly faults: FaultInjector,
    private readonly loadAgent: () => Promise<SimulatedSledAgent>,
  ) {}

  get address(): string {
    return `${this.hostname}:${this.port}`;
  }
  get listening(): boolean {
    return this.server !== null;
  }
  get up(): boolean {
    return this.agent !== null;
  }

  /** Boot the agent (from its ledger file) and start listening. */
  async start(): Promise<void> {
    this.agent = await this.loadAgent();
    await this.listen();
    this.agent.start();
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => void this.onRequest(req, res));
    server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, this.hostname, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === "object") this.port = addr.port; // port 0: keep the one we got, for re-listening
    this.server = server;
  }

  /** Stop accepting connections and reset the open ones (clients see ECONNREFUSED/ECONNRESET). */
  async stopListening(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Refuse connections, for `forMs` or until `accept()`. */
  async refuse(forMs?: number): Promise<void> {
    this.clearTimer();
    await this.stopListening();
    if (forMs !== undefined) this.timer = setTimeout(() => void this.accept(), forMs);
  }

  async accept(): Promise<void> {
    this.clearTimer();
    if (this.agent) await this.listen();
  }

  /** Kill the agent: in-flight requests are reset, unledgered work is lost. */
  async crash(restartAfterMs?: number): Promise<void> {
    this.clearTimer();
    await this.stopListening();
    const agent = this.agent;
    this.agent = null;
    await agent?.dispose();
    if (restartAfterMs !== undefined)
      this.timer = setTimeout(() => void this.restart(), restartAfterMs);
  }

  async restart(): Promise<void> {
    this.clearTimer();
    if (!this.agent) await this.start();
  }

  /** Hung requests are reset (their clients get ECONNRESET if still waiting). */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  async stop(): Promise<void> {
    this.clearTimer();
    await this.stopListening();
    const agent = this.agent;
    this.agent = null;
    await agent?.dispose();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const started = Date.now();
    const agent = this.agent;
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (!agent) return void req.socket.destroy();
    const body = await readJsonBody(req);
    const decision = this.faults.decide(this.id, method, path);
    if (decision.delayMs > 0) await sleep(decision.delayMs, agent.signal);
    const record = (status: number | null, fault?: string) =>
      this.log.add({
        at: new Date(started).toISOString(),
        method,
        path,
        status,
        durationMs: Date.now() - started,
        generation: generationOf(body),
        fault,
      });
    if (this.agent !== agent) return record(null, "crashed"); // the socket is gone with the agent
    if (decision.action === "hang") {
      this.hung.add(res);
      res.on("close", () => this.hung.delete(res));
      return record(null, "hang");
    }
    let reply: Reply;
    if (decision.action === "error")
      reply = errorReply(
        decision.status,
        injectedCode(decision.status),
        `simulated fault: ${decision.reason}`,
        requestId,
      );
    else if (!body.ok) reply = body.reply(requestId);
    else reply = await agent.handle(method, path, body.value, requestId);
    if (this.agent !== agent) return record(null, "crashed");
    sendReply(res, reply, requestId);
    record(reply.status, decision.action === "error" ? decision.reason : undefined);
  }
}
