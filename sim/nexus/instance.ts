/**
 * One simulated Nexus instance: its own HTTP server (a real rack has one lockstep endpoint per
 * Nexus zone), per-request faults from the shared FaultInjector under the target id
 * `nexus-<index>`, refusing connections, a *stale* mode that keeps serving the state as it
 * was when it was set (an instance that has lost its database connection, or an old Nexus
 * during an update), and a per-instance era.
 */
import http from "node:http";
import type { Socket } from "node:net";
import { injectedCode } from "../errors";
import type { FaultInjector } from "../fault-injector";
import { errorReply, newRequestId, readJsonBody, sendReply, sleep, type Reply } from "../http-util";
import { RequestLog } from "../request-log";
import { handleNexus, type NexusEra } from "./api";
import type { NexusState } from "./state";

export const nexusFaultTarget = (index: number) => `nexus-${index}`;

export class NexusInstance {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<http.ServerResponse>();
  private timer: NodeJS.Timeout | null = null;
  private frozen: NexusState | null = null;
  private readonly abort = new AbortController();
  readonly log = new RequestLog();

  constructor(
    readonly index: number,
    public era: NexusEra,
    private readonly shared: NexusState,
    private readonly faults: FaultInjector,
    private readonly hostname: string,
    private port: number,
    private readonly now: () => Date,
    private readonly onChange: () => void,
  ) {}

  get url(): string {
    return `http://${this.hostname}:${this.port}`;
  }
  get listening(): boolean {
    return this.server !== null;
  }
  get stale(): boolean {
    return this.frozen !== null;
  }

  /** Stale: keep answering from the state as it is now, whatever happens later. */
  setStale(stale: boolean): void {
    this.frozen = stale ? this.shared.snapshot() : null;
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
    if (addr && typeof addr === "object") this.port = addr.port; // keep it for re-listening
    this.server = server;
  }

  async refuse(forMs?: number): Promise<void> {
    this.clearTimer();
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    if (forMs !== undefined) this.timer = setTimeout(() => void this.accept(), forMs);
  }

  async accept(): Promise<void> {
    this.clearTimer();
    await this.listen();
  }

  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.refuse();
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const started = Date.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://nexus");
    const body = await readJsonBody(req);
    const decision = this.faults.decide(nexusFaultTarget(this.index), method, url.pathname);
    if (decision.delayMs > 0) await sleep(decision.delayMs, this.abort.signal);
    const record = (status: number | null, fault?: string) =>
      this.log.add({
        at: new Date(started).toISOString(),
        method,
        path: url.pathname,
        status,
        durationMs: Date.now() - started,
        generation: undefined,
        fault,
      });
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
    else {
      const state = this.frozen ?? this.shared;
      reply = handleNexus(
        { state, era: this.era, now: this.now, onChange: this.onChange },
        method,
        url,
        body.value,
        requestId,
      );
    }
    sendReply(res, reply, requestId);
    record(reply.status, decision.action === "error" ? decision.reason : undefined);
  }
}
