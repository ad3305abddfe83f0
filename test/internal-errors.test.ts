// An unexpected failure (here: the database does not exist) reaches the browser as a 500 whose
// message, in production, is a generic sentence with a reference: Prisma's own text (database,
// table and column names) goes to the server log only. Its own file: this worker's database URL
// points at a database that was never created.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type * as RouteModule from "../app/api/trpc/[trpc]/route";

const missing = `bpc_missing_${process.pid}_${Date.now()}`;
let GET: typeof RouteModule.GET;

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL ?? "");
  url.pathname = `/${missing}`;
  process.env.DATABASE_URL = url.toString();
  ({ GET } = await import("../app/api/trpc/[trpc]/route"));
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** auth.me with a session cookie: the session lookup is the first query, and it fails. */
async function me(): Promise<{ status: number; message: string }> {
  const res = await GET(
    new Request("http://localhost:3000/api/trpc/auth.me", {
      headers: { cookie: "bpc_session=00000000-0000-4000-8000-000000000000" },
    }),
  );
  const body = (await res.json()) as { error: { message: string } };
  return { status: res.status, message: body.error.message };
}

describe("internal errors over HTTP", () => {
  it("in production: a generic message with a reference; the details only in the log", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, message } = await me();
    expect(status).toBe(500);
    expect(message).toMatch(
      /^Internal error: the console could not complete this request \(reference [0-9a-f]{8}, in its log\)\.$/,
    );
    expect(message).not.toContain(missing);
    const reference = /reference ([0-9a-f]{8})/.exec(message)?.[1] ?? "";
    const line = logged.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
    expect(line).toContain(`auth.me failed (reference ${reference})`);
    expect(line).toContain(missing);
  });

  it("in development: the message says what failed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, message } = await me();
    expect(status).toBe(500);
    expect(message).not.toMatch(/^Internal error: the console/);
  });
});
