/**
 * One LISTEN connection per console process, fanned out to every live stream it serves
 * (`live.events`). Writers anywhere (this process, the executor, another console on the same
 * PostgreSQL) publish with NOTIFY (server/repo/notify.ts); PostgreSQL delivers to every
 * listening connection. The connection opens on the first subscriber and reconnects after a
 * failure (each stream is then told `hello` again, so its client refetches what it missed).
 */
import { EventEmitter, on } from "node:events";
import pg from "pg";
import { env } from "../env.ts";
import { LIVE_CHANNEL, parsePublished, type PublishedEvent } from "./live-event.ts";

const RECONNECT_MS = 1_000;

export type HubMessage = { type: "event"; event: PublishedEvent } | { type: "reconnected" };

export class LiveHub {
  private readonly bus = new EventEmitter();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Whether a connection was ever up (a later one follows an outage). */
  private hadClient = false;

  constructor(private readonly url: () => string) {
    this.bus.setMaxListeners(0); // one per open stream
  }

  /** Resolves once this process listens (a NOTIFY committed after that reaches `messages`). */
  ready(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /**
   * Every message from this call on until `signal` aborts (the listener is attached now,
   * before the connection is ready, so nothing published after this call is missed once
   * `ready()` resolves). The iterator throws an AbortError when `signal` aborts.
   */
  listen(signal: AbortSignal): AsyncIterableIterator<[HubMessage]> {
    const iter = on(this.bus, "message", { signal }) as AsyncIterableIterator<[HubMessage]>;
    return iter;
  }

  /** This process's subscriber count (tests, diagnostics). */
  get subscribers(): number {
    return this.bus.listenerCount("message");
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url(), application_name: "bpc-live" });
    client.on("notification", (n) => {
      if (n.channel !== LIVE_CHANNEL) return;
      const event = parsePublished(n.payload);
      if (event) this.bus.emit("message", { type: "event", event } satisfies HubMessage);
      else console.error(`live: ignored a malformed ${LIVE_CHANNEL} notification`);
    });
    client.on("error", (err) => {
      console.error(`live: the LISTEN connection failed (${err.message}); reconnecting`);
      this.drop(client);
    });
    client.on("end", () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    const wasDown = this.hadClient;
    this.client = client;
    this.hadClient = true;
    // Streams that lived through an outage may have missed changes: tell them to refetch.
    if (wasDown) this.bus.emit("message", { type: "reconnected" } satisfies HubMessage);
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry || this.subscribers === 0) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.ready().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
    this.retry.unref?.();
  }
}

const globalForHub = globalThis as unknown as { liveHub?: LiveHub };

/** This process's hub, listening on DATABASE_URL. */
export function liveHub(): LiveHub {
  globalForHub.liveHub ??= new LiveHub(() => env().DATABASE_URL);
  return globalForHub.liveHub;
}
