// Big imports over the real tRPC route handler (server/http/request-limits.ts): a body sent with
// `Content-Encoding: gzip` is decompressed as it streams in and capped per decompressed byte.
// A 1,000-sled blueprint (over the 8 MiB wire cap as plain JSON) goes through gzipped; bad gzip,
// a gzip bomb, malformed JSON and unknown encodings are refused with a clear error and nothing
// stored. The limits are the defaults; the rate limit is off for this file.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { toOmicronJson } from "../lib/blueprint/export";
import { makeExampleRack } from "../lib/examples/rack";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_IMPORT_BYTES } from "../server/http/request-limits";
import { makeRack, makeUser } from "./support/console-fixture";
import { asClient } from "./support/edge";

const BASE = "http://localhost:3000/api/trpc";
const IP = "10.9.0.1";
const saved = {
  rate: process.env.API_RATE_PER_SECOND,
  body: process.env.API_MAX_BODY_BYTES,
  importBytes: process.env.API_MAX_IMPORT_BYTES,
};

let cookie = "";

beforeAll(async () => {
  process.env.API_RATE_PER_SECOND = "0";
  delete process.env.API_MAX_BODY_BYTES;
  delete process.env.API_MAX_IMPORT_BYTES;
  const u = await makeUser("big-import", ["operator"]);
  // gzip is accepted for every procedure, not only the import.
  const res = await post(
    "auth.login",
    gzipSync(JSON.stringify({ name: u.name, password: u.password })),
    {
      "content-encoding": "gzip",
    },
  );
  expect(res.status).toBe(200);
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(() => {
  const restore = (k: string, v: string | undefined) =>
    v === undefined ? delete process.env[k] : (process.env[k] = v);
  restore("API_RATE_PER_SECOND", saved.rate);
  restore("API_MAX_BODY_BYTES", saved.body);
  restore("API_MAX_IMPORT_BYTES", saved.importBytes);
});

type ErrorBody = { error: { message: string; data: { code: string; httpStatus: number } } };

function post(path: string, body: BodyInit, headers: Record<string, string>): Promise<Response> {
  // A streamed body needs `duplex: "half"`, which TypeScript's RequestInit does not list.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...asClient(IP), ...headers },
    body,
    duplex: "half",
  };
  return POST(new Request(`${BASE}/${path}`, init));
}

async function storedIds(rackId: string): Promise<string[]> {
  const res = await GET(
    new Request(`${BASE}/blueprint.list?input=${encodeURIComponent(JSON.stringify({ rackId }))}`, {
      headers: { cookie, ...asClient(IP) },
    }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: { id: string }[] } }).result.data.map(
    (b) => b.id,
  );
}

async function refusal(res: Response): Promise<{ status: number; code: string; message: string }> {
  const err = (await res.json()) as ErrorBody;
  return { status: res.status, code: err.error.data.code, message: err.error.message };
}

/**
 * A gzip bomb: the import's body with 1 GiB of JSON whitespace after `"json":`, gzipped (about
 * 1 MiB, under the wire cap).
 */
async function gzipBomb(rackId: string): Promise<Uint8Array<ArrayBuffer>> {
  const spaces = new Uint8Array(2 ** 20).fill(0x20);
  let fed = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(c) {
      if (fed === 0) c.enqueue(new TextEncoder().encode(`{"rackId":"${rackId}","json":`));
      if (++fed > 1024) return c.close();
      c.enqueue(spaces);
    },
  });
  const zipped = source.pipeThrough(
    new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
  return new Uint8Array(await new Response(zipped).arrayBuffer());
}

describe("gzip request bodies", () => {
  it("imports a 1,000-sled blueprint sent gzipped, and refuses it uncompressed (over the wire cap) with a hint", async () => {
    const rackId = await makeRack("big");
    const model = makeExampleRack({ sleds: 1000, seed: "big-import" });
    const text = JSON.stringify({ rackId, json: toOmicronJson(model) }, null, 2);
    expect(text.length).toBeGreaterThan(2 * DEFAULT_MAX_BODY_BYTES);

    const plain = await post("blueprint.import", text, {});
    expect(await refusal(plain)).toMatchObject({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringContaining("send a big blueprint gzip-compressed") as string,
    });
    expect(await storedIds(rackId)).toEqual([]);

    const zipped = gzipSync(text);
    expect(zipped.byteLength).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
    const res = await post("blueprint.import", zipped, {
      "content-encoding": "gzip",
      "content-length": String(zipped.byteLength),
    });
    expect(res.status).toBe(200);
    const data = ((await res.json()) as { result: { data: unknown } }).result.data;
    expect(data).toMatchObject({
      ok: true,
      blueprint: { id: model.id, counts: { sleds: 1000 } },
    });
    expect(await storedIds(rackId)).toEqual([model.id]);
  }, 120_000);

  it("refuses a gzip bomb (1 MiB that decompresses to 1 GiB) once it decompresses past the import cap", async () => {
    const rackId = await makeRack("bomb");
    const bomb = await gzipBomb(rackId);
    expect(bomb.byteLength).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
    const res = await post("blueprint.import", bomb, { "content-encoding": "gzip" });
    expect(await refusal(res)).toEqual({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: `The request body is over the limit of ${DEFAULT_MAX_IMPORT_BYTES} bytes (API_MAX_IMPORT_BYTES) once decompressed.`,
    });
    expect(await storedIds(rackId)).toEqual([]);
  }, 60_000);

  it("caps other procedures' decompressed bodies at API_MAX_BODY_BYTES", async () => {
    const rackId = await makeRack("other");
    const padded = `{"rackId":"${rackId}"${" ".repeat(DEFAULT_MAX_BODY_BYTES)}}`;
    const res = await post("rack.setNexus", gzipSync(padded), { "content-encoding": "gzip" });
    expect(await refusal(res)).toMatchObject({
      status: 413,
      message: `The request body is over the limit of ${DEFAULT_MAX_BODY_BYTES} bytes (API_MAX_BODY_BYTES) once decompressed.`,
    });
  });

  it("refuses bad gzip, malformed JSON inside good gzip, and unknown encodings, storing nothing", async () => {
    const rackId = await makeRack("bad");
    const json = toOmicronJson(makeExampleRack({ sleds: 1, seed: "bad-gzip" }));
    const good = gzipSync(JSON.stringify({ rackId, json }));

    const truncated = await post("blueprint.import", good.subarray(0, good.byteLength - 20), {
      "content-encoding": "gzip",
    });
    expect(await refusal(truncated)).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      message: expect.stringContaining("not valid gzip (Content-Encoding: gzip)") as string,
    });
    const notGzip = await post("blueprint.import", JSON.stringify({ rackId, json }), {
      "content-encoding": "gzip",
    });
    expect(await refusal(notGzip)).toMatchObject({ status: 400, code: "BAD_REQUEST" });

    const malformed = await post(
      "blueprint.import",
      gzipSync(`{"rackId":"${rackId}","json":{"id": oops}}`),
      { "content-encoding": "gzip" },
    );
    expect(await refusal(malformed)).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      message: expect.stringContaining("is not valid JSON") as string,
    });

    const brotli = await post("blueprint.import", good, { "content-encoding": "br" });
    expect(await refusal(brotli)).toEqual({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Content-Encoding br is not supported; send the body as is or gzip.",
    });
    expect(await storedIds(rackId)).toEqual([]);
  });
});
