// The HTTP entry (app/api/trpc/[trpc]/route.ts) as the browser meets it: the session cookie's
// attributes, and the refusal of cross-site POSTs before any procedure runs.
import { describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { listAudit } from "../server/repo/audit";
import { makeUser } from "./support/console-fixture";

const BASE = "http://localhost:3000/api/trpc";

function login(name: string, password: string, headers: Record<string, string> = {}, base = BASE) {
  return POST(
    new Request(`${base}/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ name, password }),
    }),
  );
}

const cookiePair = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

describe("/api/trpc route", () => {
  it("a same-origin login sets an httpOnly, SameSite=Strict cookie that authenticates later requests", async () => {
    const u = await makeUser("route", ["viewer"]);
    const res = await login(u.name, u.password, {
      origin: "http://localhost:3000",
      "sec-fetch-site": "same-origin",
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^bpc_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    const me = await GET(new Request(`${BASE}/auth.me`, { headers: { cookie: cookiePair(res) } }));
    expect(((await me.json()) as { result: { data: { name: string } } }).result.data.name).toBe(
      u.name,
    );
  });

  it("marks the cookie Secure when PUBLIC_URL is https, never because a request claims https", async () => {
    const u = await makeUser("route-https", ["viewer"]);
    const claimed = await login(u.name, u.password, { "x-forwarded-proto": "https" });
    expect(claimed.headers.get("set-cookie")).not.toMatch(/Secure/);
    process.env.PUBLIC_URL = "https://console.example";
    try {
      const configured = await login(u.name, u.password);
      expect(configured.headers.get("set-cookie")).toMatch(/; Secure$/);
      const out = await POST(
        new Request(`${BASE}/auth.logout`, {
          method: "POST",
          headers: { cookie: cookiePair(configured), "content-type": "application/json" },
          body: "{}",
        }),
      );
      expect(out.status).toBe(200);
      expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0; Secure$/);
    } finally {
      delete process.env.PUBLIC_URL;
    }
  });

  it("refuses a cross-site POST with 403 before the procedure runs (no login recorded)", async () => {
    const u = await makeUser("route-csrf", ["operator"]);
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://sub.localhost:3000" },
    ];
    for (const headers of forged) {
      const res = await login(u.name, u.password, headers);
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /^cross-site request refused/,
      );
    }
    expect(await listAudit({ actorId: u.id, action: "login" })).toHaveLength(0);
  });

  it("accepts POSTs from non-browser clients (no Origin, no Sec-Fetch-Site), like curl", async () => {
    const u = await makeUser("route-curl", ["viewer"]);
    expect((await login(u.name, u.password)).status).toBe(200);
  });

  it("answers a wrong password with 401 and no cookie", async () => {
    const u = await makeUser("route-wrong", ["viewer"]);
    const res = await login(u.name, "wrong");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("health.check over the route", () => {
  type Health = { result: { data: { database: { connected: boolean; version?: string } } } };
  const check = (headers: Record<string, string> = {}) =>
    GET(new Request(`${BASE}/health.check`, { headers }));

  it("tells an anonymous caller only that the database is up, a signed-in user its version", async () => {
    const anonymous = (await (await check()).json()) as Health;
    expect(anonymous.result.data.database).toEqual({ connected: true });
    const u = await makeUser("route-health", ["viewer"]);
    const cookie = cookiePair(await login(u.name, u.password));
    const signedIn = (await (await check({ cookie })).json()) as Health;
    expect(signedIn.result.data.database.version).toMatch(/^PostgreSQL \d+/);
  });
});
