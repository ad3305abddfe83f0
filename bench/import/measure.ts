/**
 * One big-import measurement, in its own process:
 *   node --conditions=react-server --import tsx --expose-gc bench/import/measure.ts <sleds> <runs>
 * A fresh database (bench/execution/database.ts); an operator logs in; then a `<sleds>`-sled
 * blueprint, as pretty-printed omicron JSON, is sent gzipped to the real tRPC route handler
 * (app/api/trpc/[trpc]/route.ts: decompression and caps, tRPC's JSON.parse, blueprint.import's
 * parse, validation and store) `runs` times after two warm-up runs, each time with a new id.
 * Beside each request, the same run times JSON.parse of the body, gunzip of it, and
 * parseBlueprint and validateBlueprint of the parsed JSON, alone. Prints one JSON object
 * (ImportSample) on stdout.
 */
import { randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { POST } from "~/app/api/trpc/[trpc]/route.ts";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import { parseBlueprint } from "~/lib/blueprint/import.ts";
import { validateBlueprint } from "~/lib/blueprint/validate.ts";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import { hashPassword } from "~/server/auth/password.ts";
import { ensureRack } from "~/server/repo/racks.ts";
import { upsertUser } from "~/server/repo/users.ts";
import { setupBenchDatabase } from "../execution/database.ts";

export interface ImportRun {
  /** The route handler, from the request to the parsed answer, ms. */
  route: number;
  jsonParse: number;
  gunzip: number;
  import: number;
  validate: number;
  /** The route's database queries (lookups, insert, audit), from Prisma's call to its answer. */
  database: number;
  queries: number;
}

export interface ImportSample {
  sleds: number;
  jsonBytes: number;
  gzipBytes: number;
  postgres: string;
  warm: ImportRun[];
  cold: ImportRun;
}

const BASE = "http://localhost:3000/api/trpc";
const PASSWORD = "bench import password";
const WARMUP = 2;

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

async function main(): Promise<void> {
  const sleds = Number(process.argv[2] ?? 1000);
  const runs = Number(process.argv[3] ?? 5);
  process.env.API_RATE_PER_SECOND = "0";
  const db = await setupBenchDatabase();
  try {
    const user = await upsertUser("bench-importer", ["operator"], await hashPassword(PASSWORD));
    const rack = await ensureRack("bench-import");
    const login = await POST(
      new Request(`${BASE}/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: user.name, password: PASSWORD }),
      }),
    );
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const omicron = toOmicronJson(makeExampleRack({ sleds, seed: "bench" })) as { id: string };
    const gc = (globalThis as { gc?: () => void }).gc;

    const results: ImportRun[] = [];
    let jsonBytes = 0;
    let gzipBytes = 0;
    for (let i = 0; i < WARMUP + runs + 1; i++) {
      // A new id each run (a stored blueprint is refused twice); the client's work (stringify,
      // gzip) is not timed.
      const body = JSON.stringify(
        { rackId: rack.id, json: { ...omicron, id: randomUUID() } },
        null,
        2,
      );
      const gz = gzipSync(body);
      jsonBytes = Buffer.byteLength(body);
      gzipBytes = gz.byteLength;
      gc?.();
      const request = new Request(`${BASE}/blueprint.import`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": String(gz.byteLength),
          cookie,
        },
        body: gz,
      });
      db.recorder.reset();
      const t = performance.now();
      const res = await POST(request);
      const answer = (await res.json()) as { result?: { data: { ok: boolean } } };
      const route = performance.now() - t;
      const { ms: database, queries } = db.recorder.all;
      if (res.status !== 200 || !answer.result?.data.ok)
        throw new Error(`import failed: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
      gc?.();
      const [, gunzip] = time(() => gunzipSync(gz));
      const [parsed, jsonParse] = time(() => JSON.parse(body) as { json: unknown });
      const [imported, importMs] = time(() => parseBlueprint(parsed.json));
      if (!imported.ok) throw new Error("benchmark input does not import");
      const [, validate] = time(() => validateBlueprint(imported.blueprint));
      results.push({ route, jsonParse, gunzip, import: importMs, validate, database, queries });
    }
    const [cold, ...rest] = results;
    if (!cold) throw new Error("no runs");
    const sample: ImportSample = {
      sleds,
      jsonBytes,
      gzipBytes,
      postgres: db.version,
      cold,
      warm: rest.slice(WARMUP),
    };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
  } finally {
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
