/**
 * A console process SIGKILLed in the middle of an execution on a Nexus-linked rack (issue 15),
 * in each mode: another process resumes it once the lease lapses, and no effect happens twice —
 * the import and the target change are read from Nexus before being made again — and, in
 * `direct` mode, Nexus's execution is never disabled without the console's record saying so.
 */
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import type { ExecutionMode } from "~/lib/plan/types";
import {
  expungeOneCruciblePerSled,
  rackFixture,
  type RackFixture,
} from "~/test/support/executor-fixture";
import { userCaller } from "~/test/support/console-fixture";
import type { SessionUser } from "../auth/roles";
import { getPrisma } from "../db";
import { nexusExecutorDisabled, setNexusInstances } from "../repo/nexus";
import { driveExecution } from "./drive";

let fx: RackFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

const CFG = { leaseTtlMs: 800, backoffBaseMs: 10, nexusWatchPollMs: 50 };

const until = async (what: () => Promise<boolean>, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

async function caller(name: string, roles: SessionUser["roles"]) {
  return (await userCaller(name, roles)).api;
}

async function approved(mode: ExecutionMode): Promise<{ rack: RackFixture; id: string }> {
  fx = await rackFixture({
    sleds: 2,
    edits: expungeOneCruciblePerSled,
    profile: "reconciler",
    sim: { nexus: { executorMs: 100 } },
  });
  await setNexusInstances(fx.rackId, fx.sim.nexus?.urls ?? []);
  const operator = await caller("op", ["operator"]);
  const approver = await caller("ap", ["approver"]);
  const r = await operator.execution.request({
    rackId: fx.rackId,
    targetBlueprintId: fx.target.id,
    mode,
  });
  await approver.execution.approve({ executionId: r.executionId, planHash: r.planHash });
  return { rack: fx, id: r.executionId };
}

/** A worker drives `id` until `open` holds, then is SIGKILLed. */
async function killWhen(id: string, open: () => Promise<boolean>): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "server/executor/worker.ts", "--execution", id],
    {
      env: {
        ...process.env,
        EXECUTOR_LEASE_TTL_MS: "800",
        EXECUTOR_POLL_MS: "50",
        EXECUTOR_NEXUS_WATCH_POLL_MS: "50",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  try {
    await until(open, 20_000);
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
}

async function resume(id: string) {
  let result = await driveExecution(id, { runner: "successor", cfg: CFG });
  for (let i = 0; result.kind === "not-claimed" && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    result = await driveExecution(id, { runner: "successor", cfg: CFG });
  }
  return result;
}

const openAttempts = (id: string, where: object = {}) =>
  getPrisma().stepAttempt.count({ where: { executionId: id, finishedAt: null, ...where } });

async function checkRecord(id: string) {
  const attempts = await getPrisma().stepAttempt.findMany({
    where: { executionId: id },
    orderBy: { id: "asc" },
  });
  expect(attempts.every((a) => a.finishedAt !== null)).toBe(true);
  expect(attempts.some((a) => a.errorKind === "abandoned")).toBe(true);
  expect(new Set(attempts.map((a) => a.runner)).size).toBe(2);
  for (const stepId of new Set(attempts.map((a) => a.stepId))) {
    const mine = attempts.filter((a) => a.stepId === stepId).map((a) => a.attempt);
    expect(mine).toEqual(mine.map((_, i) => i + 1));
  }
  return attempts;
}

it("nexus mode: killed while asking Nexus to take the target, resumed without importing or setting it twice", async () => {
  const { rack, id } = await approved("nexus");
  // Nexus answers POSTs slowly: the worker dies with one on the wire.
  rack.sim.nexus?.control.setFaults("all", { latencyMs: 400, method: "POST" });
  await killWhen(id, async () => (await openAttempts(id, { method: "POST" })) > 0);
  rack.sim.nexus?.control.clearFaults();

  expect(await resume(id)).toEqual({ kind: "ended", state: "succeeded" });

  const attempts = await checkRecord(id);
  // nothing Nexus refused as done already (no second import, no second target change); a 404
  // to "does Nexus have the target?" is an answer, not an error
  expect(attempts.filter((a) => a.errorKind === "fatal" || (a.status ?? 0) >= 500)).toEqual([]);
  expect(
    new Set(attempts.filter((a) => (a.status ?? 0) >= 400).map((a) => `${a.method} ${a.status}`)),
  ).toEqual(new Set(attempts.some((a) => a.status === 404) ? ["GET 404"] : []));
  expect(
    attempts.filter((a) => a.method === "POST" && a.status !== null).length,
  ).toBeLessThanOrEqual(2);
  expect(rack.sim.nexus?.control.state.target).toMatchObject({
    targetId: rack.target.id,
    enabled: true,
  });
}, 60_000);

it("direct mode: killed mid-plan with Nexus's execution disabled and recorded; resumed to the target handed back", async () => {
  const { rack, id } = await approved("direct");
  rack.sim.control.setFaults("all", { latencyMs: 300, method: "PUT" });
  await killWhen(
    id,
    async () =>
      (await openAttempts(id, { method: "PUT", stepId: { not: { startsWith: "nexus/" } } })) > 0,
  );
  // dead with Nexus disabled: the console's record says so
  expect(rack.sim.nexus?.control.state.target).toMatchObject({
    targetId: rack.parent.id,
    enabled: false,
  });
  expect(await nexusExecutorDisabled(rack.rackId)).toMatchObject({ byExecutionId: id });
  rack.sim.control.clearFaults();

  expect(await resume(id)).toEqual({ kind: "ended", state: "succeeded" });

  await checkRecord(id);
  expect(rack.sim.nexus?.control.state.target).toMatchObject({
    targetId: rack.target.id,
    enabled: true,
  });
  expect(await nexusExecutorDisabled(rack.rackId)).toBeNull();
}, 60_000);
