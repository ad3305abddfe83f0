// Request limits of the tRPC route (server/http/request-limits.ts) over the real handler: an
// oversized body is refused with 413 while it streams in, and a flood from one client gets
// 429s while other clients are still served. Limits come from the environment, read on the
// route's first request; this file sets a small rate (the body cap keeps its 8 MiB default).
// Clients are told apart by the address the edge vouches for (asClient: server/http/edge.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { toOmicronJson } from "../lib/blueprint/export";
import { makeExampleRack } from "../lib/examples/rack";
import { DEFAULT_MAX_BODY_BYTES } from "../server/http/request-limits";
import { makeRack, makeUser, unique } from "./support/console-fixture";
import { asClient } from "./support/edge";

const BASE = "http://localhost:3000/api/trpc";
const BURST = 20;
const saved = {
  rate: process.env.API_RATE_PER_SECOND,
  burst: process.env.API_RATE_BURST,
  body: process.env.API_MAX_BODY_BYTES,
};

beforeAll(() => {
  process.env.API_RATE_PER_SECOND = "2";
  process.env.API_RATE_BURST = String(BURST);
  delete process.env.API_MAX_BODY_BYTES;
});
afterAll(() => {
  const restore = (k: string, v: string | undefined) =>
    v === undefined ? delete process.env[k] : (process.env[k] = v);
  restore("API_RATE_PER_SECOND", saved.rate);
  restore("API_RATE_BURST", saved.burst);
  restore("API_MAX_BODY_BYTES", saved.body);
});

/** Each test is its own client (its own bucket). */
let nextClient = 0;
const client = () => `10.0.0.${++nextClient}`;

type ErrorBody = { error: { message: string; data: { code: string; httpStatus: number } } };

async function operatorCookie(ip: string): Promise<string> {
  const u = await makeUser("limits", ["operator"]);
  const res = await POST(
    new Request(`${BASE}/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...asClient(ip) },
      body: JSON.stringify({ name: u.name, password: u.password }),
    }),
  );
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** A JSON body of `mib` MiB (the import's `json` padded with spaces), counting the chunks read. */
function streamedImport(
  rackId: string,
  mib: number,
): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  const enc = new TextEncoder();
  const chunk = enc.encode(" ".repeat(2 ** 20));
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      n++;
      if (n === 1) c.enqueue(enc.encode(`{"rackId":"${rackId}","json":`));
      else if (n <= mib + 1) c.enqueue(chunk);
      else {
        c.enqueue(enc.encode("{}}"));
        c.close();
      }
    },
  });
  return { body, pulled: () => n };
}

function post(path: string, body: BodyInit, headers: Record<string, string>): Promise<Response> {
  // A streamed body needs `duplex: "half"`, which TypeScript's RequestInit does not list.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  };
  return POST(new Request(`${BASE}/${path}`, init));
}

describe("body size cap", () => {
  it("refuses a 64 MiB import with 413 after reading little more than the 8 MiB cap, and stores nothing", async () => {
    const ip = client();
    const cookie = await operatorCookie(ip);
    const rackId = await makeRack();
    const { body, pulled } = streamedImport(rackId, 64);
    const res = await post("blueprint.import", body, { cookie, ...asClient(ip) });
    expect(res.status).toBe(413);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(err.error.message).toContain(`over the limit of ${DEFAULT_MAX_BODY_BYTES} bytes`);
    expect(pulled()).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES / 2 ** 20 + 3);
    const list = await GET(
      new Request(
        `${BASE}/blueprint.list?input=${encodeURIComponent(JSON.stringify({ rackId }))}`,
        { headers: { cookie, ...asClient(ip) } },
      ),
    );
    expect(((await list.json()) as { result: { data: unknown[] } }).result.data).toEqual([]);
  });

  it("refuses a declared Content-Length over the cap before reading the body", async () => {
    const ip = client();
    const cookie = await operatorCookie(ip);
    const { body, pulled } = streamedImport(await makeRack(), 9);
    const res = await post("blueprint.import", body, {
      cookie,
      ...asClient(ip),
      "content-length": String(9 * 2 ** 20 + 40),
    });
    expect(res.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("answers each procedure of an oversized batch with its own 413", async () => {
    const ip = client();
    const cookie = await operatorCookie(ip);
    const rackId = await makeRack();
    const big = `{"0":{"rackId":"${rackId}","json":"${"x".repeat(DEFAULT_MAX_BODY_BYTES)}"},"1":{"rackId":"${rackId}","json":{}}}`;
    const res = await post("blueprint.import,blueprint.import?batch=1", big, {
      cookie,
      ...asClient(ip),
    });
    expect(res.status).toBe(413);
    const errs = (await res.json()) as ErrorBody[];
    expect(errs.map((e) => e.error.data.code)).toEqual(["PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"]);
  });

  it("lets an ordinary import through the capped stream", async () => {
    const ip = client();
    const cookie = await operatorCookie(ip);
    const rackId = await makeRack();
    const json = toOmicronJson(makeExampleRack({ sleds: 2, seed: unique("limits") }));
    const res = await post("blueprint.import", JSON.stringify({ rackId, json }), {
      cookie,
      ...asClient(ip),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: { ok: boolean } } }).result.data.ok).toBe(true);
  });
});

describe("per-client rate limit", () => {
  const health = (ip: string, path = "health.check") =>
    GET(new Request(`${BASE}/${path}`, { headers: asClient(ip) }));

  it("serves a flood's first burst, refuses the rest with 429 and Retry-After, and keeps serving other clients", async () => {
    const flooder = client();
    const answers = await Promise.all(Array.from({ length: 5 * BURST }, () => health(flooder)));
    const ok = answers.filter((r) => r.status === 200).length;
    const refused = answers.filter((r) => r.status === 429);
    expect(ok).toBeGreaterThanOrEqual(BURST);
    expect(ok).toBeLessThanOrEqual(BURST + 2); // a token or two may refill meanwhile (2/s)
    expect(refused).toHaveLength(answers.length - ok);
    const first = refused[0];
    expect(first?.headers.get("retry-after")).toMatch(/^\d+$/);
    const err = (await first?.json()) as ErrorBody;
    expect(err.error.data.code).toBe("TOO_MANY_REQUESTS");
    expect(err.error.message).toMatch(/^Too many requests from this client/);
    expect((await health(client())).status).toBe(200);
  });

  it("answers a throttled batch with one 429 per procedure, and serves the client again once tokens refill", async () => {
    const ip = client();
    await Promise.all(Array.from({ length: BURST }, () => health(ip)));
    const batch = await health(ip, "health.check,auth.me?batch=1");
    expect(batch.status).toBe(429);
    expect(((await batch.json()) as ErrorBody[]).map((e) => e.error.data.code)).toEqual([
      "TOO_MANY_REQUESTS",
      "TOO_MANY_REQUESTS",
    ]);
    await new Promise((r) => setTimeout(r, 600)); // 2 tokens a second
    expect((await health(ip)).status).toBe(200);
  });
});
