import { afterEach, describe, expect, it } from "vitest";
import { requestSteps } from "~/lib/plan/types";
import {
  executionFixture,
  expungeOneCruciblePerSled,
  type ExecutionFixture,
} from "~/test/support/executor-fixture";
import { getPrisma } from "../db";
import { driveExecution } from "./drive";

const fast = {
  backoffBaseMs: 10,
  backoffCapMs: 50,
  callTimeoutMs: 2_000,
  reconcilePollMs: 20,
  reconcileTimeoutMs: 10_000,
  leaseTtlMs: 2_000,
};
let fx: ExecutionFixture | undefined;
afterEach(async () => {
  await fx?.sim.stop();
  fx = undefined;
});

async function record(executionId: string) {
  const prisma = getPrisma();
  const [exec, steps, attempts] = await Promise.all([
    prisma.execution.findUniqueOrThrow({ where: { id: executionId } }),
    prisma.executionStep.findMany({ where: { executionId }, orderBy: { seq: "asc" } }),
    prisma.stepAttempt.findMany({ where: { executionId }, orderBy: { id: "asc" } }),
  ]);
  return { exec, steps, attempts };
}

describe.each(["split", "reconciler"] as const)("executor, %s profile", (profile) => {
  it("runs an approved plan to succeeded and records every attempt", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile });
    const result = await driveExecution(fx.executionId, { runner: "test-runner", cfg: fast });
    expect(result).toEqual({ kind: "ended", state: "succeeded" });
    const { exec, steps, attempts } = await record(fx.executionId);
    expect(exec.state).toBe("succeeded");
    expect(exec.leaseOwner).toBeNull();
    expect(steps.map((s) => s.state)).toEqual(fx.plan.steps.map(() => "succeeded"));
    expect(attempts).toHaveLength(fx.plan.steps.length);
    for (const a of attempts) {
      expect(a.finishedAt).not.toBeNull();
      expect(a.status).toBeGreaterThanOrEqual(200);
      expect(a.status).toBeLessThan(300);
      expect(a.requestBody).toEqual(requestSteps(fx.plan).find((s) => s.id === a.stepId)?.body);
    }
    const rack = await getPrisma().rack.findUniqueOrThrow({ where: { id: fx.rackId } });
    expect(rack.currentBlueprintId).toBe(fx.target.id);
    const agents = await getPrisma().sledAgent.findMany({ where: { rackId: fx.rackId } });
    for (const a of agents)
      expect(a.ledgered).toEqual(fx.plan.sleds.find((s) => s.sledId === a.sledId)?.final);
  });
});

describe("executor faults", () => {
  it("calls no agent whose stored address is off SLED_AGENT_ALLOWED_HOSTS: the plan ends stale", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const before = process.env.SLED_AGENT_ALLOWED_HOSTS;
    process.env.SLED_AGENT_ALLOWED_HOSTS = "10.0.0.0/8"; // the simulated agents listen on 127.0.0.1
    try {
      expect(await driveExecution(fx.executionId, { runner: "r", cfg: fast })).toEqual({
        kind: "ended",
        state: "stale",
      });
    } finally {
      if (before === undefined) delete process.env.SLED_AGENT_ALLOWED_HOSTS;
      else process.env.SLED_AGENT_ALLOWED_HOSTS = before;
    }
    const { exec, attempts } = await record(fx.executionId);
    expect(attempts).toEqual([]);
    expect(JSON.stringify(exec.outcome)).toContain(
      "its agent address is not called: 127.0.0.1 is not an allowed sled agent host",
    );
  });

  it("finds a plan stale before sending anything when a sled changed out of band", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const sled = fx.sim.sleds[0]!;
    const disks = (await (await fetch(`${sled.url}/omicron-physical-disks`)).json()) as {
      generation: number;
      disks: unknown[];
    };
    const put = await fetch(`${sled.url}/omicron-physical-disks`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...disks, generation: disks.generation + 1 }),
    });
    expect(put.ok).toBe(true);
    expect(await driveExecution(fx.executionId, { runner: "r", cfg: fast })).toEqual({
      kind: "ended",
      state: "stale",
    });
    const { exec, attempts, steps } = await record(fx.executionId);
    expect(attempts).toEqual([]);
    expect(steps.map((s) => [s.state, s.error])).toEqual(
      steps.map(() => ["skipped", "not sent: the plan is stale"]),
    );
    expect(JSON.stringify(exec.outcome)).toContain(
      `disks generation is ${disks.generation + 1}, the plan assumed ${disks.generation}`,
    );
  });

  it("retries a sled answering 503 until it recovers", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const sick = fx.sim.sleds[0]!.id;
    fx.sim.control.setFaults(sick, { failNext: { count: 3, status: 503 }, method: "PUT" });
    expect(await driveExecution(fx.executionId, { runner: "r", cfg: fast })).toEqual({
      kind: "ended",
      state: "succeeded",
    });
    const { attempts } = await record(fx.executionId);
    const first = attempts.filter(
      (a) => a.stepId === fx!.plan.steps.find((s) => s.sledId === sick)!.id,
    );
    expect(first.map((a) => a.status)).toEqual([503, 503, 503, expect.any(Number)]);
    expect(first.slice(0, 3).every((a) => a.errorKind === "retryable")).toBe(true);
    expect(first.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
  });

  it("fails a refusing sled's step, skips its dependents, and finishes the other sleds", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const [bad, good] = fx.sim.sleds;
    await fx.sim.control.refuse(bad!.id);
    expect(
      await driveExecution(fx.executionId, { runner: "r", cfg: { ...fast, maxAttempts: 3 } }),
    ).toEqual({ kind: "ended", state: "failed" });
    const { steps, attempts, exec } = await record(fx.executionId);
    const stateOf = (sledId: string) =>
      steps.filter((s) => s.sledId === sledId).map((s) => s.state);
    expect(stateOf(bad!.id)).toEqual(["failed", "skipped"]);
    expect(stateOf(good!.id)).toEqual(["succeeded", "succeeded"]);
    expect(attempts.filter((a) => a.url.startsWith(bad!.url))).toHaveLength(3);
    expect(steps.find((s) => s.state === "failed")?.error).toContain("gave up after 3 attempts");
    expect(exec.outcome).toMatchObject({
      rootFailure: steps.find((s) => s.state === "failed")?.stepId,
    });
  });

  it("times out hung requests and succeeds once the sled answers again", async () => {
    fx = await executionFixture({ sleds: 1, edits: expungeOneCruciblePerSled, profile: "split" });
    const sled = fx.sim.sleds[0]!.id;
    fx.sim.control.setFaults(sled, { hang: true, method: "PUT" });
    const run = driveExecution(fx.executionId, {
      runner: "r",
      cfg: { ...fast, callTimeoutMs: 200, backoffBaseMs: 100 },
    });
    // Clear the fault once an attempt timed out (not after a fixed delay: on a loaded machine
    // the first request may not have been sent by then).
    const executionId = fx.executionId;
    await expect
      .poll(
        () => getPrisma().stepAttempt.count({ where: { executionId, errorKind: "retryable" } }),
        {
          timeout: 15_000,
          interval: 50,
        },
      )
      .toBeGreaterThan(0);
    fx.sim.control.clearFaults(sled);
    expect(await run).toEqual({ kind: "ended", state: "succeeded" });
    const { attempts } = await record(fx.executionId);
    expect(attempts[0]?.error).toMatch(/no answer within 200 ms/);
    expect(attempts[0]?.errorKind).toBe("retryable");
    expect(attempts.at(-1)?.status).toBeLessThan(300);
  });

  it("stops starting steps once cancelled; in-flight attempts are still recorded", async () => {
    fx = await executionFixture({ sleds: 3, edits: expungeOneCruciblePerSled, profile: "split" });
    fx.sim.control.setFaults("all", { latencyMs: 300 });
    const run = driveExecution(fx.executionId, { runner: "r", cfg: fast });
    // Cancel once a step is in flight (not after a fixed sleep: a loaded machine may not have
    // started by then). Each call takes 300 ms, so the run is still going.
    const exec = fx.executionId;
    for (let i = 0; i < 400; i++) {
      if ((await getPrisma().stepAttempt.count({ where: { executionId: exec } })) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const { changeState } = await import("../repo/executions");
    expect(
      (await changeState(fx.executionId, "running", { type: "cancel" }, { finishedAt: new Date() }))
        .ok,
    ).toBe(true);
    expect(await run).toEqual({ kind: "ended", state: "cancelled" });
    const { steps, attempts } = await record(fx.executionId);
    expect(steps.some((s) => s.state === "cancelled")).toBe(true);
    expect(steps.some((s) => s.state === "pending" || s.state === "running")).toBe(false);
    expect(attempts.every((a) => a.finishedAt !== null)).toBe(true);
  });

  it("lets exactly one of two racing runners drive an execution", async () => {
    fx = await executionFixture({ sleds: 2, edits: expungeOneCruciblePerSled, profile: "split" });
    const results = await Promise.all([
      driveExecution(fx.executionId, { runner: "a", cfg: fast }),
      driveExecution(fx.executionId, { runner: "b", cfg: fast }),
    ]);
    expect(results.filter((r) => r.kind === "not-claimed")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "ended" && r.state === "succeeded")).toHaveLength(1);
    const { attempts } = await record(fx.executionId);
    expect(new Set(attempts.map((a) => a.runner)).size).toBe(1);
    expect(attempts).toHaveLength(fx.plan.steps.length);
  });

  it("lets exactly one of ten concurrent approvals win", async () => {
    fx = await executionFixture({
      sleds: 1,
      edits: expungeOneCruciblePerSled,
      profile: "split",
      approve: false,
    });
    const { changeState } = await import("../repo/executions");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        changeState(
          fx!.executionId,
          "awaiting_approval",
          { type: "approve" },
          { decidedById: fx!.approverId },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});
