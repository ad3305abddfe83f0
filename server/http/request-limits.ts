/**
 * Limits on what one client may ask of the tRPC API, so oversized bodies and floods are
 * refused instead of taking the server down:
 * - a body cap, enforced while the body streams in (nothing past the cap is read or kept);
 * - gzip request bodies (`Content-Encoding: gzip`), decompressed as they stream in and capped
 *   per DECOMPRESSED byte, so a small bomb cannot expand past the cap: the bytes on the wire
 *   stay under API_MAX_BODY_BYTES, and what they decompress to under the same cap, except for
 *   a request calling only blueprint.import, which may decompress to API_MAX_IMPORT_BYTES
 *   (room for a 1,000-sled blueprint); a body that is not gzip is refused (400), another
 *   encoding too (415);
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
  /** Bytes on the wire, and decompressed for every procedure but blueprint.import. 0: no cap. */
  maxBodyBytes: number;
  /** Decompressed bytes of a request calling only blueprint.import. 0: no cap. */
  maxImportBytes: number;
  /** null: no rate limit. */
  rate: { perSecond: number; burst: number } | null;
}

/** Room for a 500-sled omicron blueprint (a 32-sled rack's is about 0.5 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 2 ** 20;
/** A 1,000-sled omicron blueprint is 15–32 MiB of JSON (about 2 MiB gzipped). */
export const DEFAULT_MAX_IMPORT_BYTES = 64 * 2 ** 20;
/** Procedures whose (decompressed) body may reach maxImportBytes when called alone. */
const BIG_BODY_PROCEDURES = new Set(["blueprint.import"]);
export const DEFAULT_RATE_PER_SECOND = 50;
export const DEFAULT_RATE_BURST = 200;
/** Buckets kept at most; the least recently used go first (a full bucket is the default anyway). */
const MAX_CLIENTS = 10_000;

const envSchema = z.object({
  API_MAX_BODY_BYTES: wholeNumberEnv("API_MAX_BODY_BYTES", 0, DEFAULT_MAX_BODY_BYTES),
  API_MAX_IMPORT_BYTES: wholeNumberEnv("API_MAX_IMPORT_BYTES", 0, DEFAULT_MAX_IMPORT_BYTES),
  API_RATE_PER_SECOND: wholeNumberEnv("API_RATE_PER_SECOND", 0, DEFAULT_RATE_PER_SECOND),
  API_RATE_BURST: wholeNumberEnv("API_RATE_BURST", 0, DEFAULT_RATE_BURST),
});

/** API_MAX_BODY_BYTES, API_MAX_IMPORT_BYTES (0: no cap), API_RATE_PER_SECOND (0: no rate limit), API_RATE_BURST. */
export function requestLimitsFromEnv(env: Record<string, string | undefined>): RequestLimitsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `invalid request limits: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
    );
  const e = parsed.data;
  return {
    maxBodyBytes: e.API_MAX_BODY_BYTES,
    maxImportBytes: e.API_MAX_IMPORT_BYTES,
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

function tooLarge(maxBytes: number, variable: string, hint = ""): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is over the limit of ${maxBytes} bytes (${variable})${hint}.`,
  });
}

/** The body as a stream that errors (with `error()`) as soon as more than `maxBytes` came in. */
function cappedBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  error: () => TRPCError,
  readError: (err: unknown) => unknown = (err) => err,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        // An error of the stream below (for the decompressed stream: a cap's own refusal, or
        // gzip that does not decode).
        return controller.error(err instanceof TRPCError ? err : readError(err));
      }
      if (chunk.done) return controller.close();
      seen += chunk.value.byteLength;
      if (seen > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return controller.error(error());
      }
      controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function notGzip(err: unknown): TRPCError {
  const why = err instanceof Error ? err.message : String(err);
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `The request body is not valid gzip (Content-Encoding: gzip): ${why}`,
  });
}

/** DOM's DecompressionStream types its input as BufferSource; it takes our Uint8Array chunks. */
const gunzip = () =>
  new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;

const failing = (error: TRPCError) =>
  new ReadableStream<Uint8Array>({ start: (c) => c.error(error) });

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

  /** `procedures`: what the request calls (a batch of 10 costs 10 tokens). */
  admit(req: Request, procedures: readonly string[], now = Date.now()): Admission {
    const cost = procedures.length;
    const taken = this.buckets?.take(limitKey(requestClient(req)), now, cost) ?? { ok: true };
    if (!taken.ok) {
      const retryAfterSeconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      const refusal = new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many requests from this client; try again in ${retryAfterSeconds} s.`,
      });
      return { req, refusal, retryAfterSeconds };
    }
    return { req: this.capBody(req, procedures), refusal: null, retryAfterSeconds: null };
  }

  private capBody(req: Request, procedures: readonly string[]): Request {
    if (!req.body) return req;
    const { maxBodyBytes, maxImportBytes } = this.config;
    const big = procedures.length > 0 && procedures.every((p) => BIG_BODY_PROCEDURES.has(p));
    const [maxDecoded, decodedVariable] = big
      ? [maxImportBytes, "API_MAX_IMPORT_BYTES"]
      : [maxBodyBytes, "API_MAX_BODY_BYTES"];
    const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
    const gzip = encoding === "gzip" || encoding === "x-gzip";
    const declared = Number(req.headers.get("content-length") ?? Number.NaN);
    let body: ReadableStream<Uint8Array> = req.body;
    let refusal: TRPCError | null = null;
    if (!gzip && encoding !== "identity")
      refusal = new TRPCError({
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: `Content-Encoding ${encoding} is not supported; send the body as is or gzip.`,
      });
    else if (maxBodyBytes > 0) {
      // A big import may be sent, but compressed: say so when it came uncompressed.
      const hint =
        big && !gzip ? "; send a big blueprint gzip-compressed (Content-Encoding: gzip)" : "";
      const wireError = () => tooLarge(maxBodyBytes, "API_MAX_BODY_BYTES", hint);
      if (declared > maxBodyBytes) refusal = wireError();
      else body = cappedBody(body, maxBodyBytes, wireError);
    }
    if (refusal !== null) {
      void req.body.cancel().catch(() => undefined);
      body = failing(refusal);
    } else if (gzip) {
      const decoded = body.pipeThrough(gunzip());
      const decodedError = () => tooLarge(maxDecoded, decodedVariable, " once decompressed");
      body = cappedBody(decoded, maxDecoded > 0 ? maxDecoded : Infinity, decodedError, notGzip);
    } else if (body === req.body) return req;
    const headers = new Headers(req.headers);
    if (gzip) {
      // tRPC reads what it is given: the decompressed JSON.
      headers.delete("content-encoding");
      headers.delete("content-length");
    }
    // A streamed request body needs `duplex: "half"` (fetch spec); TypeScript's DOM RequestInit lacks it.
    const init: RequestInit & { duplex: "half" } = {
      method: req.method,
      headers,
      body,
      signal: req.signal,
      duplex: "half",
    };
    return new Request(req.url, init);
  }
}
