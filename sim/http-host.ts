/**
 * The network side every simulated server shares: a real HTTP server on its own port that can
 * stop listening (clients see ECONNREFUSED; open connections are reset, as when a process
 * dies) and listen again on the same port, and the per-request faults of the FaultInjector
 * (delay, hang, error status) in front of the real handler, each request logged.
 */
import http from "node:http";
import type { Socket } from "node:net";
import { injectedCode } from "./errors";
import type { FaultInjector } from "./fault-injector";
import {
  errorReply,
  newRequestId,
  readJsonBody,
  sendReply,
  sleep,
  type BodyResult,
  type Reply,
} from "./http-util";
import type { RequestLog } from "./request-log";

export class HttpHost {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<http.ServerResponse>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly hostname: string,
    private port: number,
    private readonly onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  ) {}

  get address(): string {
    return `${this.hostname}:${this.port}`;
  }
  get listening(): boolean {
    return this.server !== null;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = http.createServer(this.onRequest);
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

  /** Stop accepting connections and reset the open ones. */
  async stopListening(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Refuse connections, for `forMs` (then `reopen`) or until the owner listens again. */
  async refuse(forMs: number | undefined, reopen: () => Promise<void>): Promise<void> {
    this.clearTimer();
    await this.stopListening();
    if (forMs !== undefined) this.later(forMs, reopen);
  }

  /** Runs `fn` after `ms` (a timed refusal or crash ending), replacing any earlier timer. */
  later(ms: number, fn: () => Promise<void>): void {
    this.clearTimer();
    this.timer = setTimeout(() => void fn(), ms);
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A hung request: answered never; reset by releaseHung or when the host stops listening. */
  hold(res: http.ServerResponse): void {
    this.hung.add(res);
    res.on("close", () => this.hung.delete(res));
  }

  /** Hung requests are reset (their clients get ECONNRESET if still waiting). */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }
}

export interface FaultyRequest {
  host: HttpHost;
  faults: FaultInjector;
  /** The FaultInjector target: a sled id, or `nexus-<i>`. */
  target: string;
  log: RequestLog;
  /** Cuts an injected delay short when the server goes away. */
  signal: AbortSignal;
  path: string;
  /** The ledger generation a request carries, for the log. */
  generationOf?: (body: BodyResult) => number | undefined;
  /** False once the process behind the port died mid-request: nothing is answered. */
  alive?: () => boolean;
  respond: (body: unknown, requestId: string) => Promise<Reply>;
}

/** One request through the injected faults to `respond`, logged with its outcome. */
export async function serveWithFaults(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  r: FaultyRequest,
): Promise<void> {
  const requestId = newRequestId();
  const started = Date.now();
  const method = req.method ?? "GET";
  const body = await readJsonBody(req);
  const decision = r.faults.decide(r.target, method, r.path);
  if (decision.delayMs > 0) await sleep(decision.delayMs, r.signal);
  const record = (status: number | null, fault?: string) =>
    r.log.add({
      at: new Date(started).toISOString(),
      method,
      path: r.path,
      status,
      durationMs: Date.now() - started,
      generation: r.generationOf?.(body),
      fault,
    });
  const alive = r.alive ?? (() => true);
  if (!alive()) return record(null, "crashed"); // the socket is gone with the process
  if (decision.action === "hang") {
    r.host.hold(res);
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
  else reply = await r.respond(body.value, requestId);
  if (!alive()) return record(null, "crashed");
  sendReply(res, reply, requestId);
  record(reply.status, decision.action === "error" ? decision.reason : undefined);
}
