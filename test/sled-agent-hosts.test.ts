// Issue 12: rack.setSledAgent only takes http(s) addresses on SLED_AGENT_ALLOWED_HOSTS, and
// rack.inventory neither calls an address off the list nor shows viewers what an agent wrote.
// Over the real route handler.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../app/api/trpc/[trpc]/route";
import { toOmicronJson } from "../lib/blueprint/export";
import { makeExampleRack } from "../lib/examples/rack";
import { upsertSledAgent } from "../server/repo/sled-agents";
import { callerFor, makeRack, makeUser, unique } from "./support/console-fixture";

const BASE = "http://localhost:3000/api/trpc";
const SECRET = "root:x:0:0 metadata-token-do-not-show";

let rackId: string;
let sledIds: string[];
let cookie: string;
let viewerCookie: string;
/** An "agent" that answers every request with a 500 carrying a body it wants shown. */
let chatty: Server;
let chattyUrl: string;
let hits = 0;

async function cookieOf(name: string, password: string): Promise<string> {
  const res = await POST(
    new Request(`${BASE}/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, password }),
    }),
  );
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  const operator = await makeUser("hosts-op", ["operator"]);
  const viewer = await makeUser("hosts-viewer", ["viewer"]);
  rackId = await makeRack();
  const example = makeExampleRack({ sleds: 2, seed: unique("hosts") });
  sledIds = example.sleds.map((s) => s.id);
  const imported = await callerFor(operator).blueprint.import({
    rackId,
    json: toOmicronJson(example),
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  cookie = await cookieOf(operator.name, operator.password);
  viewerCookie = await cookieOf(viewer.name, viewer.password);
  chatty = createServer((_req, res) => {
    hits++;
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ request_id: "1", message: SECRET }));
  });
  await new Promise<void>((r) => chatty.listen(0, "127.0.0.1", r));
  chattyUrl = `http://127.0.0.1:${(chatty.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => chatty.close(r));
  delete process.env.SLED_AGENT_ALLOWED_HOSTS;
});

type Answer = { error?: { message: string; data: { code: string } }; result?: { data: unknown } };

async function setAgent(address: string, sledId = sledIds[0] ?? ""): Promise<Answer> {
  const res = await POST(
    new Request(`${BASE}/rack.setSledAgent`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ rackId, sledId, address, profile: "reconciler" }),
    }),
  );
  return (await res.json()) as Answer;
}

describe("rack.setSledAgent's allow-list", () => {
  it("refuses addresses off SLED_AGENT_ALLOWED_HOSTS (metadata, public, unlisted names, other schemes) and stores nothing", async () => {
    for (const address of [
      "http://169.254.169.254/latest/meta-data",
      "http://8.8.8.8:12345",
      "http://[2001:db8::1]:12345",
      "http://internal-admin.example:8080",
      "file:///etc/passwd",
      "gopher://127.0.0.1:70",
    ]) {
      const answer = await setAgent(address);
      expect(answer.error?.data.code, address).toBe("BAD_REQUEST");
      expect(answer.error?.message, address).toMatch(
        /not an allowed sled agent host|must be http:\/\/ or https:\/\//,
      );
    }
    const rack = await GET(
      new Request(`${BASE}/rack.byId?input=${encodeURIComponent(JSON.stringify({ rackId }))}`, {
        headers: { cookie },
      }),
    );
    const data = ((await rack.json()) as { result: { data: { sledAgents: unknown[] } } }).result
      .data;
    expect(data.sledAgents).toEqual([]);
  });

  it("takes loopback, private and underlay addresses by default, and names only when listed", async () => {
    for (const address of [
      "http://127.0.0.1:12400",
      "http://localhost:12400",
      "http://10.1.2.3:12345",
      "http://[fd00:1122:3344:101::1]:12345",
    ])
      expect((await setAgent(address)).result?.data, address).toEqual({ ok: true });
    process.env.SLED_AGENT_ALLOWED_HOSTS = "agent.rack.example";
    try {
      expect((await setAgent("http://agent.rack.example:12345")).result?.data).toEqual({
        ok: true,
      });
      expect((await setAgent("http://127.0.0.1:12400")).error?.message).toMatch(
        /127\.0\.0\.1 is not an allowed sled agent host/,
      );
    } finally {
      delete process.env.SLED_AGENT_ALLOWED_HOSTS;
    }
  });
});

describe("rack.inventory", () => {
  const inventory = async () => {
    const res = await GET(
      new Request(
        `${BASE}/rack.inventory?input=${encodeURIComponent(JSON.stringify({ rackId }))}`,
        {
          headers: { cookie: viewerCookie },
        },
      ),
    );
    return (await res.json()) as {
      result: { data: { sleds: { sledId: string; reachable: boolean; error: string | null }[] } };
    };
  };

  it("shows a viewer the status of a failing agent, never the body it sent", async () => {
    expect((await setAgent(chattyUrl)).result?.data).toEqual({ ok: true });
    const inv = await inventory();
    expect(JSON.stringify(inv)).not.toContain("metadata-token");
    const sled = inv.result.data.sleds.find((s) => s.sledId === sledIds[0]);
    expect(sled).toMatchObject({ reachable: false, error: "GET /inventory: HTTP 500" });
  });

  it("does not call a stored address that is off the list", async () => {
    // Stored before the allow-list (or the list changed since): written past the router.
    await upsertSledAgent(rackId, sledIds[1] ?? "", "http://169.254.169.254", "reconciler");
    await upsertSledAgent(rackId, sledIds[0] ?? "", chattyUrl, "reconciler");
    process.env.SLED_AGENT_ALLOWED_HOSTS = "10.0.0.0/8";
    hits = 0;
    try {
      const inv = await inventory();
      for (const s of inv.result.data.sleds)
        expect(s).toMatchObject({
          reachable: false,
          error: expect.stringMatching(/^not read: .* is not an allowed sled agent host/),
        });
      expect(hits).toBe(0);
    } finally {
      delete process.env.SLED_AGENT_ALLOWED_HOSTS;
    }
  });
});
