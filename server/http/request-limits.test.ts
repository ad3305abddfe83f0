import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  RequestLimiter,
  requestLimitsFromEnv,
  TokenBuckets,
} from "./request-limits";

describe("TokenBuckets", () => {
  it("allows a burst, then one request per refilled token, and says when the next one comes", () => {
    const b = new TokenBuckets({ perSecond: 10, burst: 3 });
    expect([0, 0, 0].map((t) => b.take("a", t).ok)).toEqual([true, true, true]);
    expect(b.take("a", 0)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(b.take("a", 100).ok).toBe(true);
    expect(b.take("b", 100).ok).toBe(true); // another client has its own bucket
  });

  it("charges a batch one token per procedure, and lets a batch larger than the burst through once full", () => {
    const b = new TokenBuckets({ perSecond: 10, burst: 5 });
    expect(b.take("a", 0, 4).ok).toBe(true);
    expect(b.take("a", 0, 2)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(b.take("c", 0, 50).ok).toBe(true); // capped at the burst: a full bucket pays it
    expect(b.take("c", 0, 1).ok).toBe(false);
  });
});

describe("requestLimitsFromEnv", () => {
  it("defaults to an 8 MiB body (64 MiB decompressed for an import) and 50 requests a second with bursts of 200", () => {
    expect(requestLimitsFromEnv({})).toEqual({
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      maxImportBytes: DEFAULT_MAX_IMPORT_BYTES,
      rate: { perSecond: 50, burst: 200 },
    });
  });
  it("turns the rate limit off with API_RATE_PER_SECOND=0 and refuses nonsense with the variable's name", () => {
    expect(requestLimitsFromEnv({ API_RATE_PER_SECOND: "0" }).rate).toBeNull();
    expect(() => requestLimitsFromEnv({ API_MAX_BODY_BYTES: "lots" })).toThrow(
      /API_MAX_BODY_BYTES must be a number/,
    );
  });
});

describe("RequestLimiter: gzip bodies", () => {
  const limiter = new RequestLimiter({
    maxBodyBytes: 2 ** 16,
    maxImportBytes: 2 ** 20,
    rate: null,
  });
  const request = (path: string, body: Uint8Array<ArrayBuffer>) =>
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-encoding": "gzip", "content-length": String(body.byteLength) },
      body,
    });
  /** Reads the admitted body: the bytes tRPC would see, and the error that ended it. */
  async function drain(req: Request): Promise<{ bytes: number; error: string | null }> {
    const reader = req.body?.getReader();
    let bytes = 0;
    try {
      for (let r = await reader?.read(); r && !r.done; r = await reader?.read())
        bytes += r.value.byteLength;
      return { bytes, error: null };
    } catch (err) {
      return { bytes, error: err instanceof Error ? err.message : String(err) };
    }
  }

  it("hands tRPC the decompressed JSON without the encoding headers", async () => {
    const text = JSON.stringify({ a: "x".repeat(200_000) });
    const admitted = limiter.admit(request("blueprint.import", new Uint8Array(gzipSync(text))), [
      "blueprint.import",
    ]);
    expect(admitted.req.headers.get("content-encoding")).toBeNull();
    expect(admitted.req.headers.get("content-length")).toBeNull();
    expect(await admitted.req.text()).toBe(text);
  });

  it("passes on no byte past the decompressed cap: the import's for blueprint.import alone, the body cap otherwise", async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 2 ** 20, 0x20))); // 64 KiB of gzip, 64 MiB of spaces
    expect(bomb.byteLength).toBeLessThan(2 ** 16);
    const alone = await drain(
      limiter.admit(request("blueprint.import", bomb), ["blueprint.import"]).req,
    );
    expect(alone).toEqual({
      bytes: 2 ** 20,
      error:
        "The request body is over the limit of 1048576 bytes (API_MAX_IMPORT_BYTES) once decompressed.",
    });
    const batched = ["blueprint.import", "rack.create"];
    const other = await drain(limiter.admit(request(batched.join(","), bomb), batched).req);
    expect(other).toEqual({
      bytes: 2 ** 16,
      error:
        "The request body is over the limit of 65536 bytes (API_MAX_BODY_BYTES) once decompressed.",
    });
  });
});
