/**
 * live.events over the real route handler (what the browser's EventSource calls): the session
 * cookie's user gets the stream until it logs out; without a cookie it is refused. In test/
 * because it loads app/'s route (server/ may not import the UI: test/architecture.test.ts).
 */
import { describe, expect, it } from "vitest";

describe("live.events over HTTP (the route the browser's EventSource calls)", () => {
  const BASE = "http://localhost:3000/api/trpc";

  /** The first SSE frames of `res`, until one matches `until` (the body is cancelled then). */
  async function framesUntil(res: Response, until: RegExp): Promise<string> {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    try {
      while (!until.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await reader.cancel();
    }
    return text;
  }

  it("streams to the session cookie's user until it logs out, and refuses a request without one", async () => {
    const { GET, POST } = await import("~/app/api/trpc/[trpc]/route");
    const { makeUser } = await import("~/test/support/console-fixture");
    const anonymous = await GET(new Request(`${BASE}/live.events`));
    // tRPC's SSE answers 200 and then the error as an event.
    const refused = await framesUntil(anonymous, /UNAUTHORIZED/);
    expect(refused).toMatch(/event: serialized-error/);
    expect(refused).toContain("UNAUTHORIZED");
    expect(refused).not.toContain('"kind":"hello"');

    const u = await makeUser("live-http", ["viewer"]);
    const login = await POST(
      new Request(`${BASE}/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: u.name, password: u.password }),
      }),
    );
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const res = await GET(new Request(`${BASE}/live.events`, { headers: { cookie } }));
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes('"kind":"hello"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('"kind":"hello"');

    // Logging out ends the session's stream (the server closes it).
    const out = await POST(
      new Request(`${BASE}/auth.logout`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(out.status).toBe(200);
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
    }
    expect(rest).not.toContain('"kind":');
  });
});
