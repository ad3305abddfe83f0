/**
 * Limits on what one client may ask of the tRPC API, so oversized bodies and floods are
 * refused instead of taking the server down:
 * - a body cap, enforced while the body streams in (nothing past the cap is read or kept);
 * - a token bucket per client: `burst` requests at once, refilled at `perSecond`.
 * Refusals are tRPC errors (413 PAYLOAD_TOO_LARGE, 429 TOO_MANY_REQUESTS), so a batched call
 * gets one error per procedure and the client reports them like any other error.
 *
 * Clients are told apart by the address the console's HTTP front vouches for (the socket's
 * peer, or X-Forwarded-For only through TRUSTED_PROXIES: server/http/client-key.ts), never by
 * a header the client wrote. Every procedure of a batch costs one token.
 */
import { wholeNumberEnv } from "../util/env-number.ts";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { limitKey } from "~/lib/net/client-address.ts";
import { requestClient } from "./client-key.ts";

export interface RequestLimitsConfig {
  maxBodyBytes: number;
  /** null: no rate limit. */
  rate: { perSecond: number; burst: number } | null;
}

/** Room for a 500-sled omicron blueprint (a 32-sled rack's is about 0.5 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 2 ** 20;
export const DEFAULT_RATE_PER_SECOND = 50;
export const DEFAULT_RATE_BURST = 200;
/** Buckets kept at most; the least recently used go first (a full bucket is the default anyway). */
const MAX_CLIENTS = 10_000;

const envSchema = z.object({
  API_MAX_BODY_BYTES: wholeNumberEnv("API_MAX_BODY_BYTES", 0, DEFAULT_MAX_BODY_BYTES),
  API_RATE_PER_SECOND: wholeNumberEnv("API_RATE_PER_SECOND", 0, DEFAULT_RATE_PER_SECOND),
  API_RATE_BURST: wholeNumberEnv("API_RATE_BURST", 0, DEFAULT_RATE_BURST),
});

/** API_MAX_BODY_BYTES (0: no cap), API_RATE_PER_SECOND (0: no rate limit), API_RATE_BURST. */
export function requestLimitsFromEnv(env: Record<string, string | undefined>): RequestLimitsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `invalid request limits: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  const e = parsed.data;
  return {
    maxBodyBytes: e.API_MAX_BODY_BYTES,
    rate:
      e.API_RATE_PER_SECOND > 0
        ? { perSecond: e.API_RATE_PER_SECOND, burst: Math.max(1, e.API_RATE_BURST) }
        : null,
  };
}

/** Token buckets per client key; `now` in ms. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly rate: { perSecond: number; burst: number }) {}

  /** Takes `cost` tokens, or says how long until they are there. */
  take(key: string, now: number, cost = 1): { ok: true } | { ok: false; retryAfterMs: number } {
    const b = this.buckets.get(key) ?? { tokens: this.rate.burst, at: now };
    this.buckets.delete(key); // re-inserted last: the map's order is least recently used first
    b.tokens = Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1000) * this.rate.perSecond);
    b.at = now;
    const need = Math.min(cost, this.rate.burst); // a batch bigger than the burst still fits once
    const ok = b.tokens >= need;
    if (ok) b.tokens -= need;
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_CLIENTS)
      this.buckets.delete(this.buckets.keys().next().value ?? key);
    return ok
      ? { ok: true }
      : { ok: false, retryAfterMs: ((need - b.tokens) / this.rate.perSecond) * 1000 };
  }
}

function tooLarge(maxBytes: number): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is over the limit of ${maxBytes} bytes (API_MAX_BODY_BYTES).`,
  });
}

/** The body as a stream that errors (with a tRPC 413) as soon as more than `maxBytes` came in. */
function cappedBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > maxBytes) {
        await reader.cancel();
        return controller.error(tooLarge(maxBytes));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export interface Admission {
  /** The request to hand to tRPC (its body capped). */
  req: Request;
  /** Set when the client is over its rate: createContext throws it, so no procedure runs. */
  refusal: TRPCError | null;
  retryAfterSeconds: number | null;
}

export class RequestLimiter {
  private readonly buckets: TokenBuckets | null;
  constructor(readonly config: RequestLimitsConfig) {
    this.buckets = config.rate ? new TokenBuckets(config.rate) : null;
  }

  /** `cost`: the procedures the request calls (a batch of 10 costs 10 tokens). */
  admit(req: Request, cost = 1, now = Date.now()): Admission {
    const taken = this.buckets?.take(limitKey(requestClient(req)), now, cost) ?? { ok: true };
    if (!taken.ok) {
      const retryAfterSeconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      const refusal = new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many requests from this client; try again in ${retryAfterSeconds} s.`,
      });
      return { req, refusal, retryAfterSeconds };
    }
    return { req: this.capBody(req), refusal: null, retryAfterSeconds: null };
  }

  private capBody(req: Request): Request {
    const max = this.config.maxBodyBytes;
    if (!req.body || max === 0) return req;
    const declared = Number(req.headers.get("content-length") ?? Number.NaN);
    const body =
      declared > max
        ? new ReadableStream<Uint8Array>({ start: (c) => c.error(tooLarge(max)) })
        : cappedBody(req.body, max);
    if (declared > max) void req.body.cancel().catch(() => undefined);
    // A streamed request body needs `duplex: "half"` (fetch spec); TypeScript's DOM RequestInit lacks it.
    const init: RequestInit & { duplex: "half" } = {
      method: req.method,
      headers: req.headers,
      body,
      signal: req.signal,
      duplex: "half",
    };
    return new Request(req.url, init);
  }
}
