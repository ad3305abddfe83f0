/**
 * live.events: changes written anywhere reach every signed-in stream through PostgreSQL
 * LISTEN/NOTIFY; a viewer is never told that an approval waits for it; anonymous streams are
 * refused. Real PostgreSQL, the real routers, a real simulated rack for the executions.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { makeExampleRack } from "~/lib/examples/rack";
import { toOmicronJson } from "~/lib/blueprint/export";
import { rackFixture, type RackFixture } from "~/test/support/executor-fixture";
import { errorCode, makeRack, unique, userCaller } from "~/test/support/console-fixture";
import type { SessionUser } from "../auth/roles";
import { makePrisma } from "../db";
import type { LiveEvent } from "../events/live-event";
import { liveHub } from "../events/hub";
import { notifyExecution, notifyLive } from "../repo/notify";
import { createCaller } from "./_app";

let fx: RackFixture | undefined;
const streams: AbortController[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await fx?.sim.stop();
  fx = undefined;
});

/** A stream as `user`, read in the background; `next(match)` waits for a matching event. */
async function stream(user: SessionUser) {
  const abort = new AbortController();
  streams.push(abort);
  const seen: LiveEvent[] = [];
  const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  const iter = await createCaller({ user }, { signal: abort.signal }).live.events();
  const hello = new Promise<void>((resolveHello) => {
    void (async () => {
      try {
        for await (const e of iter) {
          if (e.kind === "hello") resolveHello();
          seen.push(e);
          for (const w of waiters.splice(0))
            if (w.match(e)) w.resolve(e);
            else waiters.push(w);
        }
      } catch {
        // aborted at the end of the test
      }
    })();
  });
  await hello; // listening: what commits from now on is delivered
  return {
    seen,
    next: (match: (e: LiveEvent) => boolean) =>
      new Promise<LiveEvent>((resolve) => {
        const old = seen.find(match);
        if (old) resolve(old);
        else waiters.push({ match, resolve });
      }),
  };
}

const expungeCrucible = (bp: ReturnType<typeof makeExampleRack>) => {
  const zone = bp.sleds[0]?.zones.find(
    (z) => z.zoneType.type === "crucible" && z.disposition === "in_service",
  );
  if (!zone) throw new Error("no crucible zone");
  return [{ kind: "expunge-zone" as const, zoneId: zone.id }];
};

describe("live.events", () => {
  it("refuses an anonymous stream", async () => {
    expect(await errorCode(createCaller({ user: null }).live.events())).toBe("UNAUTHORIZED");
  });

  it("carries a new blueprint and the rack's first target to every signed-in user", async () => {
    const op = await userCaller("op", ["operator"]);
    const viewer = await userCaller("viewer", ["viewer"]);
    const watching = await stream({ id: viewer.id, name: "viewer", roles: ["viewer"] });
    const rackId = await makeRack();
    const example = makeExampleRack({ sleds: 1, seed: unique("seed") });
    const imported = await op.api.blueprint.import({ rackId, json: toOmicronJson(example) });
    expect(imported.ok).toBe(true);
    expect(
      await watching.next((e) => e.kind === "blueprint" && e.blueprintId === example.id),
    ).toEqual({ kind: "blueprint", rackId, blueprintId: example.id });
    expect(await watching.next((e) => e.kind === "target" && e.rackId === rackId)).toEqual({
      kind: "target",
      rackId,
      blueprintId: example.id,
    });
  });

  it("tells approvers (not the requester, not a viewer) that an execution awaits them", async () => {
    fx = await rackFixture({ sleds: 1, edits: expungeCrucible, profile: "split" });
    const op = await userCaller("op", ["operator", "approver"]);
    const approver = await userCaller("approver", ["approver"]);
    const viewer = await userCaller("viewer", ["viewer"]);
    const asApprover = await stream({ id: approver.id, name: "approver", roles: ["approver"] });
    const asViewer = await stream({ id: viewer.id, name: "viewer", roles: ["viewer"] });
    const asRequester = await stream({ id: op.id, name: "op", roles: ["operator", "approver"] });

    const { executionId } = await op.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "live",
    });
    const requested = {
      kind: "execution",
      executionId,
      rackId: fx.rackId,
      state: "awaiting_approval",
    };
    const awaits = { kind: "approval", executionId, rackId: fx.rackId };
    const mine = (e: LiveEvent) => "executionId" in e && e.executionId === executionId;
    expect(await asApprover.next((e) => mine(e) && e.kind === "approval")).toEqual(awaits);
    expect(await asViewer.next(mine)).toEqual(requested);
    expect(await asRequester.next(mine)).toEqual(requested);

    // The approval's state change is the next event of this execution on every stream.
    const exec = await approver.api.execution.byId({ executionId });
    await approver.api.execution.approve({ executionId, planHash: exec.planHash, comment: "ok" });
    const approved = (e: LiveEvent) => mine(e) && e.kind === "execution" && e.state === "approved";
    await asApprover.next(approved);
    await asViewer.next(approved);
    await asRequester.next(approved);
    // Only the other approver was told it waited; the viewer and the requester never were.
    expect(asViewer.seen.filter((e) => e.kind === "approval")).toEqual([]);
    expect(asRequester.seen.filter((e) => e.kind === "approval")).toEqual([]);
    expect(JSON.stringify(asViewer.seen)).not.toContain(op.id); // no requester ids forwarded
  });

  it("delivers what another connection commits, and only once it commits", async () => {
    fx = await rackFixture({ sleds: 1, edits: expungeCrucible, profile: "split" });
    const op = await userCaller("op", ["operator"]);
    const viewer = await userCaller("viewer", ["viewer"]);
    const watching = await stream({ id: viewer.id, name: "viewer", roles: ["viewer"] });
    const { executionId } = await op.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "elsewhere",
    });
    await watching.next((e) => "executionId" in e && e.executionId === executionId);

    // Another pool (as the executor process or another console has): a state write and its
    // notification in one transaction, held open while this process's stream is checked.
    const other = makePrisma(process.env.DATABASE_URL, 1);
    try {
      let commit!: () => void;
      const held = new Promise<void>((r) => (commit = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      const tx = other.$transaction(async (t) => {
        await t.execution.update({ where: { id: executionId }, data: { state: "cancelled" } });
        await notifyExecution(executionId, t);
        written();
        await held;
      });
      await wrote;
      // A marker sent after the uncommitted write, on this process's pool: it arrives first.
      const marker = unique("marker");
      await notifyLive({ kind: "blueprint", rackId: fx.rackId, blueprintId: marker });
      await watching.next((e) => e.kind === "blueprint" && e.blueprintId === marker);
      expect(
        watching.seen.some(
          (e) => e.kind === "execution" && e.executionId === executionId && e.state === "cancelled",
        ),
      ).toBe(false);
      commit();
      await tx;
      expect(
        await watching.next(
          (e) => e.kind === "execution" && e.executionId === executionId && e.state === "cancelled",
        ),
      ).toEqual({ kind: "execution", executionId, rackId: fx.rackId, state: "cancelled" });
    } finally {
      await other.$disconnect();
    }
  });

  it("delivers a state change another process writes (as the executor worker would)", async () => {
    fx = await rackFixture({ sleds: 1, edits: expungeCrucible, profile: "split" });
    const op = await userCaller("op", ["operator"]);
    const viewer = await userCaller("viewer", ["viewer"]);
    const watching = await stream({ id: viewer.id, name: "viewer", roles: ["viewer"] });
    const { executionId } = await op.api.execution.request({
      rackId: fx.rackId,
      targetBlueprintId: fx.target.id,
      comment: "another process",
    });
    // A separate Node process, its own Prisma client and pool: the repo's changeState.
    const script = `
      const { changeState } = await import("./server/repo/executions.ts");
      const r = await changeState(process.argv[1], "awaiting_approval", { type: "reject" });
      if (!r.ok) throw new Error(r.reason);
      process.exit(0);`;
    await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script, executionId],
      { cwd: process.cwd(), env: { ...process.env }, timeout: 60_000 },
    );
    expect(
      await watching.next(
        (e) => e.kind === "execution" && e.executionId === executionId && e.state === "rejected",
      ),
    ).toEqual({ kind: "execution", executionId, rackId: fx.rackId, state: "rejected" });
  }, 90_000);

  it("fans one LISTEN connection out to every stream of the process", async () => {
    const a = await userCaller("a", ["viewer"]);
    const before = liveHub().subscribers;
    await stream({ id: a.id, name: "a", roles: ["viewer"] });
    await stream({ id: a.id, name: "a", roles: ["viewer"] });
    expect(liveHub().subscribers).toBe(before + 2);
    const other = makePrisma(process.env.DATABASE_URL, 1);
    try {
      const listeners = await other.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity
         WHERE application_name = 'bpc-live' AND datname = current_database()`;
      expect(Number(listeners[0]?.n)).toBe(1);
    } finally {
      await other.$disconnect();
    }
    // Closed streams detach from the hub.
    for (const s of streams.splice(0)) s.abort();
    await expect.poll(() => liveHub().subscribers).toBe(before);
  });
});

describe("the LISTEN connection", () => {
  it("comes back after PostgreSQL drops it, and streams say hello again and keep receiving", async () => {
    const a = await userCaller("a", ["viewer"]);
    const watching = await stream({ id: a.id, name: "a", roles: ["viewer"] });
    const other = makePrisma(process.env.DATABASE_URL, 1);
    try {
      await other.$queryRaw`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'bpc-live' AND datname = current_database()`;
      const hellos = () => watching.seen.filter((e) => e.kind === "hello").length;
      await watching.next(() => hellos() >= 2);
      const rackId = await makeRack();
      const blueprintId = unique("after-reconnect");
      await notifyLive({ kind: "blueprint", rackId, blueprintId });
      expect(
        await watching.next((e) => e.kind === "blueprint" && e.blueprintId === blueprintId),
      ).toEqual({ kind: "blueprint", rackId, blueprintId });
    } finally {
      await other.$disconnect();
    }
  });
});
