// Issue 12: login guessing is throttled per account and per client (server/auth/login-throttle.ts),
// over the real route handler, with 429 + Retry-After, audited; a real user is locked out
// only for a bounded time, and right passwords are never slowed down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../app/api/trpc/[trpc]/route";
import { listAudit } from "../server/repo/audit";
import { makeUser, unique } from "./support/console-fixture";
import { asClient } from "./support/edge";

const BASE = "http://localhost:3000/api/trpc";
const MAX_LOCK_SECONDS = 1;

beforeAll(() => {
  process.env.LOGIN_MAX_LOCK_SECONDS = String(MAX_LOCK_SECONDS);
});
afterAll(() => {
  delete process.env.LOGIN_MAX_LOCK_SECONDS;
});

let nextClient = 0;
const client = () => `192.0.2.${++nextClient}`;

function login(name: string, password: string, ip: string): Promise<Response> {
  return POST(
    new Request(`${BASE}/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...asClient(ip) },
      body: JSON.stringify({ name, password }),
    }),
  );
}

describe("login throttling", () => {
  it("answers 40 wrong passwords and then the right one with 429s after the first few, until the lockout ends", async () => {
    const u = await makeUser("guessed", ["approver"]);
    const ip = client();
    const statuses: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) statuses.push((await login(u.name, `guess-${i}`, ip)).status);
    // The sixth failure locks the account: the right password is refused too, unchecked.
    const right = await login(u.name, u.password, ip);
    for (let i = 6; i < 40; i++) statuses.push((await login(u.name, `guess-${i}`, ip)).status);
    const elapsedMs = Date.now() - t0;
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(right.headers.get("set-cookie")).toBeNull();
    // Past the free failures, at most one guess per lock (≤ MAX_LOCK_SECONDS each) is checked,
    // however long the guessing took on this machine: the rest are refused.
    const checkedAfterLock = statuses.slice(6).filter((s) => s === 401).length;
    expect(checkedAfterLock).toBeLessThanOrEqual(Math.ceil(elapsedMs / (MAX_LOCK_SECONDS * 1000)));
    expect(statuses.slice(6).every((s) => s === 401 || s === 429)).toBe(true);
    // The lockout is bounded (LOGIN_MAX_LOCK_SECONDS): the real user gets in after it.
    await new Promise((r) => setTimeout(r, MAX_LOCK_SECONDS * 1000 + 100));
    expect((await login(u.name, u.password, client())).status).toBe(200);
    const throttled = await listAudit({ actorId: u.id, action: "login-throttled" });
    expect(throttled.length).toBe(40 - 6 - checkedAfterLock + 1);
    expect(throttled[0]?.details).toMatchObject({ scope: "account", client: ip });
  });

  it("checks at most the free attempts of parallel guesses (no race past the count)", async () => {
    const u = await makeUser("parallel", ["viewer"]);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(u.name, `guess-${i}`, client())),
    );
    expect(answers.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(25);
  });

  it("throttles one client trying many accounts, without locking those accounts for others", async () => {
    const sprayer = client();
    const victims = await Promise.all(
      Array.from({ length: 3 }, () => makeUser("sprayed", ["viewer"])),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const name = victims[i % 3]?.name ?? "";
      statuses.push((await login(i < 3 ? name : unique("nobody"), "wrong", sprayer)).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(21)).toEqual([429, 429, 429]);
    for (const v of victims) expect((await login(v.name, v.password, client())).status).toBe(200);
  });

  it("never slows down right passwords: 30 logins in a row from one client all succeed", async () => {
    const u = await makeUser("often", ["operator"]);
    const ip = client();
    for (let i = 0; i < 30; i++) expect((await login(u.name, u.password, ip)).status).toBe(200);
  });
});

describe("the audit log of a failed login", () => {
  it("records an unknown name as 'unknown account', never the text typed into the name field", async () => {
    const typed = unique("hunter2-a-password-in-the-name-field");
    const ip = client();
    expect((await login(typed, "whatever", ip)).status).toBe(401);
    const rows = (await listAudit({ action: "login-refused" })).map((r) => ({
      actorId: r.actorId,
      actorName: r.actorName,
      details: r.details as Record<string, unknown>,
    }));
    expect(JSON.stringify(rows)).not.toContain(typed);
    expect(rows.find((r) => r.details.client === ip)).toEqual({
      actorId: null,
      actorName: "unknown account",
      details: { client: ip, reason: "unknown name" },
    });
  });

  it("names an existing account that got a wrong password", async () => {
    const u = await makeUser("mistyped", ["viewer"]);
    expect((await login(u.name, "wrong", client())).status).toBe(401);
    const rows = await listAudit({ actorId: u.id, action: "login-refused" });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorName).toBe(u.name);
  });
});
