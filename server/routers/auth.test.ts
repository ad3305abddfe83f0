import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, makeRack, makeUser, unique } from "~/test/support/console-fixture";
import { SESSION_COOKIE } from "../auth/session";
import { listAudit } from "../repo/audit";
import { createContext } from "../trpc";
import { createCaller } from "./_app";

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? { code: e.code, message: e.message } : e),
  );

/** What a browser would send back: the cookie pair from a Set-Cookie header. */
function cookieFrom(headers: Headers): string {
  const setCookie = headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

describe("auth", () => {
  it("logs in with name and password, sets the session cookie, and records the login", async () => {
    const alice = await makeUser("alice", ["operator"]);
    const resHeaders = new Headers();
    const out = await createCaller({ resHeaders }).auth.login({
      name: alice.name,
      password: alice.password,
    });
    expect(out.user).toEqual({ id: alice.id, name: alice.name, roles: ["operator"] });
    const setCookie = resHeaders.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      new RegExp(
        `^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`,
      ),
    );

    const ctx = await createContext({
      req: new Request("http://localhost/api/trpc/auth.me", {
        headers: { cookie: cookieFrom(resHeaders) },
      }),
      resHeaders: new Headers(),
    });
    expect(await createCaller(ctx).auth.me()).toEqual(out.user);
    const audit = await listAudit({ actorId: alice.id, action: "login" });
    expect(audit).toHaveLength(1);
  });

  it("refuses a wrong password and an unknown name with the same generic error", async () => {
    const bob = await makeUser("bob", ["viewer"]);
    const wrong = await errorOf(createCaller({}).auth.login({ name: bob.name, password: "nope" }));
    const unknown = await errorOf(
      createCaller({}).auth.login({ name: unique("nobody"), password: "nope" }),
    );
    expect(wrong).toEqual({ code: "UNAUTHORIZED", message: "Wrong name or password." });
    expect(unknown).toEqual(wrong);
    expect(await listAudit({ actorId: bob.id, action: "login-refused" })).toHaveLength(1);
  });

  it("logout ends the session: the same cookie no longer authenticates", async () => {
    const carol = await makeUser("carol", ["approver"]);
    const loginHeaders = new Headers();
    await createCaller({ resHeaders: loginHeaders }).auth.login({
      name: carol.name,
      password: carol.password,
    });
    const req = () =>
      new Request("http://localhost/api/trpc/x", { headers: { cookie: cookieFrom(loginHeaders) } });
    const ctx = await createContext({ req: req(), resHeaders: new Headers() });
    expect(ctx.user?.name).toBe(carol.name);
    const outHeaders = new Headers();
    await createCaller({ ...ctx, resHeaders: outHeaders }).auth.logout();
    expect(outHeaders.get("set-cookie")).toMatch(
      /^bpc_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/,
    );
    expect((await createContext({ req: req(), resHeaders: new Headers() })).user).toBeNull();
  });

  it("me is null for anonymous requests and for a forged cookie", async () => {
    expect(await createCaller({}).auth.me()).toBeNull();
    const forged = new Request("http://localhost/", {
      headers: { cookie: `${SESSION_COOKIE}=${"A".repeat(43)}` },
    });
    expect((await createContext({ req: forged, resHeaders: new Headers() })).user).toBeNull();
  });
});

describe("roles", () => {
  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    expect(await errorOf(callerFor(null).rack.list())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await errorOf(callerFor(null).user.list())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a viewer an operator's mutation with FORBIDDEN, naming the role", async () => {
    const viewer = await makeUser("viewer", ["viewer"]);
    const rackId = await makeRack();
    const err = await errorOf(callerFor(viewer).blueprint.import({ rackId, json: {} }));
    expect(err).toEqual({
      code: "FORBIDDEN",
      message: `This needs the operator role; ${viewer.name} has viewer.`,
    });
  });

  it("lists users with names and roles to any logged-in user, never hashes", async () => {
    const dave = await makeUser("dave", ["operator", "approver"]);
    const users = await callerFor(dave).user.list();
    const me = users.find((u) => u.id === dave.id);
    expect(me).toEqual({ id: dave.id, name: dave.name, roles: ["operator", "approver"] });
    expect(Object.keys(me ?? {}).sort()).toEqual(["id", "name", "roles"]);
  });
});
