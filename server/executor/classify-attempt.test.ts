import { describe, expect, it } from "vitest";
import type { CallFailure, CallResult } from "../sled-agent/http-call.ts";
import { classifyAttempt, itemErrors } from "./classify-attempt.ts";

const timings = { startedAt: "2026-12-02T00:00:00.000Z", durationMs: 3 };
const ok = (body: unknown, status = 200): CallResult<unknown> => ({
  ok: true,
  status,
  body,
  timings,
});
const fail = (failure: CallFailure, status: number | null = null): CallResult<unknown> => ({
  ok: false,
  status,
  failure,
  timings,
});
const http = (status: number, retryable: boolean): CallFailure => ({
  kind: "http",
  retryable,
  status,
  error: null,
  body: { message: "nope" },
  message: `HTTP ${status}: nope`,
});
const cfg = { maxAttempts: 3 };
const plain = { awaitReconciliation: false };

describe("classifyAttempt", () => {
  it("ends a step whose request was accepted, unless it waits for reconciliation", () => {
    expect(classifyAttempt(ok(null, 204), 1, cfg, plain)).toEqual({
      error: null,
      errorKind: null,
      sent: true,
      outcome: { ok: true },
    });
    expect(classifyAttempt(ok(null, 204), 1, cfg, { awaitReconciliation: true })).toMatchObject({
      sent: true,
      outcome: null,
    });
  });

  it("fails at once on item errors inside a 200 (the split endpoints' per-item status)", () => {
    const body = {
      status: [
        { dataset_name: { pool_name: "oxp_1", kind: "crucible" }, err: "busy" },
        { dataset_name: { pool_name: "oxp_1", kind: "debug" }, err: null },
      ],
    };
    const v = classifyAttempt(ok(body), 1, cfg, plain);
    expect(v).toEqual({
      error: 'the agent reported item errors: dataset crucible: "busy"',
      errorKind: "fatal",
      sent: false,
      outcome: { ok: false, error: 'the agent reported item errors: dataset crucible: "busy"' },
    });
  });

  it("fails at once on a fatal answer, whatever the attempt", () => {
    const v = classifyAttempt(fail(http(409, false), 409), 1, cfg, plain);
    expect(v.errorKind).toBe("fatal");
    expect(v.outcome).toEqual({ ok: false, error: "HTTP 409: nope" });
  });

  it("retries a retryable failure until the last attempt, then gives up saying so", () => {
    const timeout: CallFailure = {
      kind: "timeout",
      retryable: true,
      message: "timed out after 10 ms",
    };
    expect(classifyAttempt(fail(timeout), 2, cfg, plain)).toEqual({
      error: "timed out after 10 ms",
      errorKind: "retryable",
      sent: false,
      outcome: null,
    });
    expect(classifyAttempt(fail(http(503, true), 503), 3, cfg, plain).outcome).toEqual({
      ok: false,
      error: "gave up after 3 attempts; last: HTTP 503: nope",
    });
  });

  it("prefixes the status only when the failure's message lacks it", () => {
    const conn: CallFailure = {
      kind: "bad-response",
      retryable: false,
      status: 200,
      message: "not JSON",
    };
    expect(classifyAttempt(fail(conn, 200), 1, cfg, plain).error).toBe("HTTP 200: not JSON");
  });
});

describe("itemErrors", () => {
  it("names disks by serial and ignores bodies without a status list", () => {
    const body = { status: [{ identity: { serial: "S1" }, err: { type: "x" } }] };
    expect(itemErrors(body)).toEqual(['disk S1: {"type":"x"}']);
    expect(itemErrors(null)).toEqual([]);
    expect(itemErrors({ generation: 2 })).toEqual([]);
  });
});
