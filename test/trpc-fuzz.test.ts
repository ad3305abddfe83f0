// Fuzzing every tRPC procedure's input through the real HTTP route handler
// (app/api/trpc/[trpc]/route.ts), on a database of this file's own: malformed and adversarial
// inputs (wrong types, missing fields, huge strings and arrays, deep nesting, unicode, ids
// of nothing, broken blueprints) never get a 500, always get a clear error, and change no row.
// The only rows a refused request may add are the audit log's `login-refused` entries: auditing
// failed logins is the point of that log.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { toOmicronJson } from "../lib/blueprint/export";
import { parseBlueprint } from "../lib/blueprint/import";
import {
  adversarialDocumentArb,
  deepJsonText,
  ODD_VALUES,
} from "../lib/blueprint/testing/adversarial";
import { validateBlueprint } from "../lib/blueprint/validate";
import { makeExampleRack } from "../lib/examples/rack";
import { createDatabase, dropDatabase, freshDatabaseName } from "../scripts/lib/postgres.mjs";
import { getPrisma, makePrisma } from "../server/db";
import { appRouter } from "../server/routers/_app";
import { exampleRack, makeUser } from "./support/console-fixture";

const BASE = "http://localhost:3000/api/trpc";
/** Statuses that are a clear refusal; 200 only where noted in `checkAnswer`. */
const CLEAR_ERRORS = new Set([400, 401, 403, 404, 409, 413, 429]);

type Global = { prisma?: ReturnType<typeof makePrisma> };
const g = globalThis as Global;
let ownUrl = "";
let previousPrisma: Global["prisma"];
const savedRate = process.env.API_RATE_PER_SECOND;
let cookie = "";
/** Ids that exist, so queries get past "not found" into deeper code. */
const real: string[] = [];
let rackId = "";

interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  keys: string[];
  hasInput: boolean;
  /** Whether the procedure's own input schema accepts `input`. */
  accepts: (input: unknown) => boolean;
}

/** Every procedure of the router, with the top-level keys of its input object (if any). */
type Schema = { safeParse?: (x: unknown) => { success: boolean } };

function procedures(): ProcedureInfo[] {
  const defs = (
    appRouter as unknown as {
      _def: {
        procedures: Record<string, { _def: { type: ProcedureInfo["type"]; inputs: Schema[] } }>;
      };
    }
  )._def.procedures; // tRPC's runtime router shape
  return Object.entries(defs).map(([path, p]) => ({
    path,
    type: p._def.type,
    hasInput: p._def.inputs.length > 0,
    keys: p._def.inputs.flatMap(shapeKeys),
    accepts: (x: unknown) => p._def.inputs.every((schema) => schema.safeParse?.(x).success ?? true),
  }));
}

/** The keys of a zod object schema, looking through default/optional wrappers. */
function shapeKeys(schema: unknown): string[] {
  let s = schema as
    { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown } } } | undefined;
  for (let i = 0; i < 5 && s && !s.shape; i++) s = s._zod?.def?.innerType as typeof s;
  return s?.shape ? Object.keys(s.shape) : [];
}

const uuidArb = fc.uuid();
/** Text PostgreSQL cannot store, inside otherwise ordinary strings. */
const unstorableArb = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("\u0000", "\ud800", "\udfff"),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const leafArb = fc.oneof(
  fc.constantFrom(...ODD_VALUES),
  unstorableArb,
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  uuidArb,
  fc.constantFrom(
    "safe",
    "phased",
    "split",
    "reconciler",
    "running",
    "2025-01-01T00:00:00Z",
    "http://127.0.0.1:1",
    "a".repeat(65),
  ),
);
const valueArb = fc.oneof(
  leafArb,
  fc.array(leafArb, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), leafArb, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Rack names already taken in this file's database (rack.create must refuse them). */
const takenRackNames: string[] = [];

/**
 * rack.create legitimately adds a row for any new well-formed name, so its fuzzing sticks to
 * names it must refuse: malformed ones and taken ones.
 */
function wouldCreateRack(input: unknown): boolean {
  const name =
    typeof input === "object" && input !== null ? (input as { name?: unknown }).name : undefined;
  if (typeof name !== "string") return false;
  const t = name.trim();
  return t.length >= 1 && t.length <= 100 && /^[\w.-]+$/.test(t) && !takenRackNames.includes(t);
}

/** An input for a procedure: anything at all, or its own keys holding wrong values. */
function inputArb(p: ProcedureInfo): fc.Arbitrary<unknown> {
  const arb = anyInputArb(p);
  if (p.path !== "rack.create") return arb;
  return fc.oneof(
    arb.filter((x) => !wouldCreateRack(x)),
    fc.constantFrom(...takenRackNames).map((name) => ({ name })),
  );
}

function anyInputArb(p: ProcedureInfo): fc.Arbitrary<unknown> {
  // Queries only read: they may name things that exist. A mutation given a real id and a
  // well-formed rest would legitimately change rows, so mutations name nothing that exists.
  const idArb = p.type === "mutation" ? uuidArb : fc.oneof(uuidArb, fc.constantFrom(...real));
  const isId = (key: string) => /id$/i.test(key);
  const field = (key: string) => (isId(key) ? fc.oneof(idArb, valueArb) : valueArb);
  const shaped = fc
    .tuple(
      fc.record(Object.fromEntries(p.keys.map((k) => [k, field(k)])), { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 6 }), valueArb, { maxKeys: 2 }),
    )
    .map(([own, extra]) => ({ ...extra, ...own }));
  // Plausible everywhere but one field, so the odd value gets past validation of the rest.
  const plausible = (key: string) =>
    isId(key)
      ? idArb
      : fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom("safe", "split", "2025-01-01T00:00:00Z"),
        );
  const oneOdd = fc
    .tuple(
      fc.record(Object.fromEntries(p.keys.map((k) => [k, plausible(k)]))),
      fc.nat(),
      fc.oneof(unstorableArb, leafArb),
    )
    .map(([own, i, odd]) => ({ ...own, [p.keys[i % p.keys.length] ?? ""]: odd }));
  if (!p.keys.length) return valueArb;
  const any = fc.oneof(
    { weight: 3, arbitrary: shaped },
    { weight: 2, arbitrary: oneOdd },
    { weight: 1, arbitrary: valueArb },
  );
  // A well-formed input to a mutation that names nothing that must exist (rack.create's name)
  // would legitimately store a row: such a mutation only gets inputs its own schema refuses.
  return p.type === "mutation" && !p.keys.some(isId) ? any.filter((x) => !p.accepts(x)) : any;
}

/** blueprint.import into a real rack, with documents that must not be stored. */
function wouldStore(doc: unknown): boolean {
  const r = parseBlueprint(doc);
  if (!r.ok) return false;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (
    !uuid.test(r.blueprint.id) ||
    (r.blueprint.parentId !== null && !uuid.test(r.blueprint.parentId))
  )
    return false;
  return !validateBlueprint(r.blueprint).some((f) => f.severity === "error");
}

async function call(
  p: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
  withCookie = true,
): Promise<Response> {
  const headers: Record<string, string> = withCookie ? { cookie } : {};
  const text = input === undefined ? undefined : JSON.stringify(input);
  if (p.type === "mutation") {
    return POST(
      new Request(`${BASE}/${p.path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: text ?? "",
      }),
    );
  }
  const query = text === undefined ? "" : `?input=${encodeURIComponent(text)}`;
  const abort = new AbortController();
  const res = await GET(
    new Request(`${BASE}/${p.path}${query}`, { headers, signal: abort.signal }),
  );
  if (p.type !== "subscription" || !res.headers.get("content-type")?.includes("text/event-stream"))
    return res;
  // A feed that started: read its first event, then hang up.
  const reader = res.body?.getReader();
  const first = reader ? new TextDecoder().decode((await reader.read()).value) : "";
  abort.abort();
  await reader?.cancel().catch(() => undefined);
  return new Response(first, { status: res.status, headers: res.headers });
}

/** No 500, and either a clear error with a message or an answer that is itself a refusal. */
async function checkAnswer(p: ProcedureInfo, res: Response): Promise<void> {
  const body = await res.text();
  const context = `${p.path} → ${res.status}: ${body.slice(0, 300)}`;
  expect(res.status, context).not.toBe(500);
  if (CLEAR_ERRORS.has(res.status)) {
    const parsed = JSON.parse(body) as
      { error?: { message?: string } } | { error?: { message?: string } }[];
    for (const err of Array.isArray(parsed) ? parsed : [parsed])
      expect(err.error?.message, context).toMatch(/\S/); // a batch: one per call
    return;
  }
  expect(res.status, context).toBe(200);
  if (p.type === "subscription") return; // a feed of a real execution, or a read of nothing
  const data = (JSON.parse(body) as { result?: { data?: { ok?: boolean } } }).result?.data;
  // A mutation that answers 200 must be a refusal value (blueprint.import: {ok: false, …}),
  // unless it takes no input: auth.logout without a session is a no-op that says ok.
  if (p.type === "mutation" && p.hasInput) expect(data?.ok, context).toBe(false);
}

/** Row count and content digest of every table (the audit log without `login-refused`). */
async function snapshot(): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: ownUrl });
  await c.connect();
  try {
    const tables = (
      await c.query<{ t: string }>(
        "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
      )
    ).rows.map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const where = t === "AuditEvent" ? `where action <> 'login-refused'` : "";
      const r = await c.query<{ n: string; digest: string | null }>(
        `select count(*) as n, md5(string_agg(x::text, ',' order by x::text)) as digest from "${t}" x ${where}`,
      );
      out[t] = `${r.rows[0]?.n} rows, ${r.rows[0]?.digest}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  process.env.API_RATE_PER_SECOND = "0"; // a thousand requests from one client: not a flood here
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error("the integration setup sets DATABASE_URL");
  ownUrl = await createDatabase(server, freshDatabaseName("fuzz"));
  const migrate = spawnSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: ownUrl },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
  previousPrisma = g.prisma;
  g.prisma = makePrisma(ownUrl); // server/db.ts's getPrisma() serves this client from now on
  const user = await makeUser("fuzz", ["viewer", "operator", "approver"]);
  const login = await POST(
    new Request(`${BASE}/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user.name, password: user.password }),
    }),
  );
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const rack = await exampleRack(2);
  rackId = rack.rackId;
  real.push(user.id, rack.rackId, rack.example.id, ...rack.example.sleds.map((s) => s.id));
  takenRackNames.push(
    ...(await getPrisma().rack.findMany({ select: { name: true } })).map((r) => r.name),
  );
}, 60_000);

afterAll(async () => {
  await g.prisma?.$disconnect();
  g.prisma = previousPrisma;
  if (savedRate === undefined) delete process.env.API_RATE_PER_SECOND;
  else process.env.API_RATE_PER_SECOND = savedRate;
  if (ownUrl) await dropDatabase(ownUrl);
});

describe("every tRPC procedure under fuzzing, over HTTP", () => {
  it("answers ≥1,000 malformed and adversarial inputs with a clear error and changes no row", async () => {
    const before = await snapshot();
    const all = procedures();
    expect(all.length).toBeGreaterThan(15);
    let sent = 0;
    for (const p of all) {
      // auth.login hashes every well-formed attempt (argon2id): fewer runs keep this file fast.
      const numRuns = p.path === "auth.login" ? 15 : 45;
      await fc.assert(
        fc.asyncProperty(inputArb(p), fc.boolean(), async (input, anonymous) => {
          sent++;
          // Without input there is nothing to fuzz but the session: a query runs as the user,
          // a mutation (auth.logout) anonymously, so it cannot end this file's session.
          const asUser = p.hasInput ? !anonymous : p.type !== "mutation";
          await checkAnswer(p, await call(p, input, asUser));
        }),
        { numRuns },
      );
    }
    const importer = all.find((p) => p.path === "blueprint.import");
    if (importer) {
      const docArb = adversarialDocumentArb().filter((doc) => !wouldStore(doc));
      await fc.assert(
        fc.asyncProperty(docArb, async (json) => {
          sent++;
          await checkAnswer(importer, await call(importer, { rackId, json }));
        }),
        { numRuns: 150 },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it("refuses bodies that are not what tRPC expects: malformed JSON, 100,000-deep nesting, unknown procedures", async () => {
    const before = await snapshot();
    const storable = toOmicronJson(makeExampleRack({ sleds: 1, seed: randomUUID() }));
    const raw = (path: string, body: string) =>
      POST(
        new Request(`${BASE}/${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body,
        }),
      );
    const cases: [string, string][] = [
      ["blueprint.import", "{"],
      ["blueprint.import", "\u0000"],
      ["blueprint.import", `{"rackId": "${rackId}", "json": ${deepJsonText(100_000)}}`],
      [
        "blueprint.import",
        `{"rackId": "${rackId}", "json": {"id": "x", "sleds": ${deepJsonText(100_000)}}}`,
      ],
      ["blueprint.import,blueprint.import?batch=1", `{"0": 1}`],
      ["no.such.procedure", "{}"],
      [
        "execution.request",
        `{"rackId": "${rackId}", "targetBlueprintId": "\u0000", "comment": "\ud800"}`,
      ],
      // Text PostgreSQL cannot store, in input that is otherwise valid (it would reach a query).
      ["auth.login", `{"name": "admin\u0000", "password": "x"}`],
      [
        "blueprint.import",
        JSON.stringify({ rackId, json: { ...storable, comment: "nul \u0000 here" } }),
      ],
      ["blueprint.import", JSON.stringify({ rackId, json: { ...storable, lone: "\ud800" } })],
      ["blueprint.import", JSON.stringify({ rackId, json: storable, comment: "\udfff" })],
    ];
    for (const [path, body] of cases) {
      await checkAnswer(
        { path, type: "mutation", keys: [], hasInput: true, accepts: () => false },
        await raw(path, body),
      );
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
