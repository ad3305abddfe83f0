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

  it("marks the cookie Secure when the console is reached over https", async () => {
    const u = await makeUser("route-https", ["viewer"]);
    const viaProxy = await login(u.name, u.password, { "x-forwarded-proto": "https" });
    expect(viaProxy.headers.get("set-cookie")).toMatch(/; Secure$/);
    const direct = await login(u.name, u.password, {}, "https://console.example/api/trpc");
    expect(direct.headers.get("set-cookie")).toMatch(/; Secure$/);
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
