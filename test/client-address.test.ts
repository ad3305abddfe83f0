// Issue 12, "guessing, spoofing and amplification": whom the rate limit counts a request
// against, and what a batch costs, over the real route handler and, where only a socket
// shows it, over a real HTTP server with the console's edge (server/http/edge.ts) in front.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { parseCidr } from "../lib/net/address";
import { listAudit } from "../server/repo/audit";
import { makeUser } from "./support/console-fixture";
import { asClient, startEdgeServer } from "./support/edge";

const BASE = "http://localhost:3000/api/trpc";
/** Requests a client may send at once; refilled at 1 a second, slow enough not to blur a test. */
const RATE = 5;
const saved = { rate: process.env.API_RATE_PER_SECOND, burst: process.env.API_RATE_BURST };

beforeAll(() => {
  process.env.API_RATE_PER_SECOND = "1";
  process.env.API_RATE_BURST = String(RATE);
  process.env.API_MAX_BODY_BYTES = String(64 * 1024);
});
afterAll(() => {
  const restore = (k: string, v: string | undefined) =>
    v === undefined ? delete process.env[k] : (process.env[k] = v);
  restore("API_RATE_PER_SECOND", saved.rate);
  restore("API_RATE_BURST", saved.burst);
  delete process.env.API_MAX_BODY_BYTES;
});

let nextClient = 0;
const client = () => `198.51.100.${++nextClient}`;

/** GET through a real socket from 127.0.0.1; resolves with the status. */
function httpGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the rate limit's client key", () => {
  it("is not a header the client wrote: 20 made-up X-Forwarded-For addresses share one bucket of 5", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        GET(
          new Request(`${BASE}/health.check`, {
            headers: { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}` },
          }),
        ),
      ),
    );
    expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(RATE + 1);
    // Not even the edge's own header, without the edge's token.
    const forged = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        GET(
          new Request(`${BASE}/health.check`, {
            headers: { "x-bpc-client": `203.0.114.${i}`, "x-bpc-edge": "guess" },
          }),
        ),
      ),
    );
    expect(forged.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
  });

  it("counts an IPv6 client by its /64: rotating addresses inside it gets no new bucket", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        GET(
          new Request(`${BASE}/health.check`, {
            headers: asClient(`2001:db8:12:34:${(i + 1).toString(16)}::1`),
          }),
        ),
      ),
    );
    expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(RATE + 1);
    const neighbour = await GET(
      new Request(`${BASE}/health.check`, { headers: asClient("2001:db8:12:35::1") }),
    );
    expect(neighbour.status).toBe(200);
  });

  it("over a real socket, is the peer's address whatever X-Forwarded-For says", async () => {
    const edge = await startEdgeServer();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          httpGet(`${edge.url}/api/trpc/health.check`, { "x-forwarded-for": `203.0.113.${i}` }),
        ),
      );
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(RATE + 1);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - RATE - 1);
    } finally {
      await edge.close();
    }
  });

  it("believes X-Forwarded-For only through a trusted proxy, and only its last untrusted hop: no client drains another's bucket", async () => {
    const trusted = [parseCidr("127.0.0.1")].filter((c) => c !== null);
    const edge = await startEdgeServer({ trustedProxies: trusted });
    try {
      const victim = "192.0.2.10";
      const attacker = "192.0.2.66";
      // The attacker claims the victim's address; the proxy appends the attacker's real one.
      await Promise.all(
        Array.from({ length: 3 * RATE }, () =>
          httpGet(`${edge.url}/api/trpc/health.check`, {
            "x-forwarded-for": `${victim}, ${attacker}`,
          }),
        ),
      );
      expect(
        await httpGet(`${edge.url}/api/trpc/health.check`, { "x-forwarded-for": attacker }),
      ).toBe(429);
      expect(
        await httpGet(`${edge.url}/api/trpc/health.check`, { "x-forwarded-for": victim }),
      ).toBe(200);
    } finally {
      await edge.close();
    }
  });

  it("drops forwarding headers from an untrusted peer before anything reads them", async () => {
    let seen: Record<string, unknown> = {};
    const edge = await startEdgeServer({}, (req, res) => {
      seen = { ...req.headers };
      res.end();
    });
    try {
      await httpGet(`${edge.url}/`, {
        "x-forwarded-for": "1.2.3.4",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
        "x-real-ip": "1.2.3.4",
        forwarded: "for=1.2.3.4",
        "x-bpc-client": "1.2.3.4",
      });
    } finally {
      await edge.close();
    }
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-bpc-client"]).toBe("127.0.0.1");
    for (const h of ["x-forwarded-proto", "x-forwarded-host", "x-real-ip", "forwarded"])
      expect(seen[h]).toBeUndefined();
  });
});

describe("batches", () => {
  const login = (path: string, body: string, ip: string) =>
    POST(
      new Request(`${BASE}/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...asClient(ip) },
        body,
      }),
    );

  it("never batches auth.login: a batch of 100 password guesses is refused before any is checked", async () => {
    const u = await makeUser("batch-login", ["viewer"]);
    const guesses = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [String(i), { name: u.name, password: `guess-${i}` }]),
    );
    const path = `${Array<string>(100).fill("auth.login").join(",")}?batch=1`;
    const res = await login(path, JSON.stringify(guesses), client());
    expect(res.status).toBe(400);
    const two = await login(
      "auth.login,auth.login?batch=1",
      JSON.stringify({ 0: guesses[0], 1: guesses[1] }),
      client(),
    );
    expect(two.status).toBe(400);
    expect(((await two.json()) as { error: { message: string } }).error.message).toMatch(
      /auth\.login cannot be batched/,
    );
    expect(await listAudit({ actorId: u.id, action: "login-refused" })).toHaveLength(0);
  });

  it("caps a batch at 16 procedures and counts each procedure against the rate", async () => {
    const get = (n: number, ip: string) =>
      GET(
        new Request(`${BASE}/${Array<string>(n).fill("health.check").join(",")}?batch=1`, {
          headers: asClient(ip),
        }),
      );
    expect((await get(17, client())).status).toBe(400);
    const ip = client();
    expect((await get(RATE, ip)).status).toBe(200); // the whole burst in one request
    expect((await get(1, ip)).status).toBe(429);
  });
});

describe("a 413 on a streamed body", () => {
  it("answers with Connection: close and ends the connection cleanly (no reset) while the client is still sending", async () => {
    // Through a "proxy" on 127.0.0.1 for a client of its own: the earlier tests spent
    // 127.0.0.1's rate budget.
    const edge = await startEdgeServer({
      trustedProxies: [parseCidr("127.0.0.1")].filter((c) => c !== null),
    });
    try {
      const outcome = await new Promise<{ head: string; ended: boolean; error: string | null }>(
        (resolve) => {
          const s = connect(edge.port, "127.0.0.1");
          let head = "";
          let ended = false;
          let sent = 0;
          const chunk = Buffer.alloc(16 * 1024, 32);
          s.on("connect", () => {
            s.write(
              `POST /api/trpc/auth.logout HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
                `x-forwarded-for: ${client()}\r\n` +
                `transfer-encoding: chunked\r\n\r\n`,
            );
            const pump = () => {
              if (ended || s.destroyed || sent > 8 * 2 ** 20) return;
              s.write(`${chunk.length.toString(16)}\r\n`);
              s.write(chunk);
              s.write("\r\n");
              sent += chunk.length;
              setTimeout(pump, 2);
            };
            pump();
          });
          s.on("data", (d: Buffer) => (head += d.toString("latin1")));
          s.on("end", () => (ended = true));
          s.on("error", (e: NodeJS.ErrnoException) =>
            resolve({ head, ended, error: e.code ?? e.message }),
          );
          s.on("close", () => resolve({ head, ended, error: null }));
        },
      );
      expect(outcome.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(outcome.head.toLowerCase()).toContain("connection: close");
      expect(outcome.error).toBeNull();
      expect(outcome.ended).toBe(true);
    } finally {
      await edge.close();
    }
  });
});
