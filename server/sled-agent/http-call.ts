/**
 * One HTTP call to a sled agent, with a per-call timeout, never throwing for the failures a
 * network peer can cause: they come back as a classified `CallFailure`.
 *
 * Retryable (docs/ARCHITECTURE.md, "Retries and backoff"): connection refused/reset and other socket errors, timeouts, every
 * 5xx (the January-2025 agent answered nearly every error with 500, BRIEF §4.1; 503 means "no
 * internal disks yet" at HEAD), and 408/429. Not retryable: other 4xx (a bad body, an outdated
 * or conflicting generation, a refusal of the strict sled semantics), a response that is not
 * JSON, and a call the caller cancelled.
 */
import http from "node:http";
import type { OmicronErrorBody } from "~/lib/wire/agent-responses";

export type CallFailure =
  | { kind: "timeout"; retryable: true; message: string }
  | { kind: "connection"; retryable: boolean; code: string; message: string }
  | {
      kind: "http";
      retryable: boolean;
      status: number;
      error: OmicronErrorBody | null;
      body: unknown;
      message: string;
    }
  | { kind: "bad-response"; retryable: false; status: number; message: string }
  | { kind: "cancelled"; retryable: false; message: string };

export interface CallTimings {
  startedAt: string;
  durationMs: number;
}

export type CallResult<T> =
  | { ok: true; status: number; body: T; timings: CallTimings }
  | { ok: false; status: number | null; failure: CallFailure; timings: CallTimings };

export interface CallOptions {
  timeoutMs: number;
  agent?: http.Agent;
  /** The caller's own cancellation (an execution being cancelled). */
  signal?: AbortSignal;
}

/** Socket errors that say nothing about the request itself: trying again may work. */
const RETRYABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ECONNABORTED",
]);

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export async function callSledAgent<T>(
  method: "GET" | "PUT" | "POST" | "DELETE",
  url: string,
  body: unknown,
  opts: CallOptions,
): Promise<CallResult<T>> {
  const started = Date.now();
  const timings = (): CallTimings => ({
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  });
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  try {
    const { status, text } = await send(method, url, body, opts.agent, signal);
    return { ...interpret<T>(status, text), timings: timings() };
  } catch (err) {
    const failure = classifyError(err, timeout, opts.timeoutMs);
    return { ok: false, status: null, failure, timings: timings() };
  }
}

function send(
  method: string,
  url: string,
  body: unknown,
  agent: http.Agent | undefined,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: "application/json" };
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
      res.on("aborted", () =>
        reject(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })),
      );
    });
    req.on("error", reject);
    req.end(payload);
  });
}

function interpret<T>(
  status: number,
  text: string,
): { ok: true; status: number; body: T } | { ok: false; status: number; failure: CallFailure } {
  let parsed: unknown = undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return {
        ok: false,
        status,
        failure: {
          kind: "bad-response",
          retryable: false,
          status,
          message: `HTTP ${status} with a body that is not JSON`,
        },
      };
    }
  }
  if (status >= 200 && status < 300) return { ok: true, status, body: parsed as T }; // the peer's contract; contract tests check the simulator
  const error = isErrorBody(parsed) ? parsed : null;
  const message = `HTTP ${status}${error ? `: ${error.message}` : ""}`;
  return {
    ok: false,
    status,
    failure: {
      kind: "http",
      retryable: isRetryableStatus(status),
      status,
      error,
      body: parsed ?? null,
      message,
    },
  };
}

function isErrorBody(v: unknown): v is OmicronErrorBody {
  return (
    typeof v === "object" && v !== null && typeof (v as { message?: unknown }).message === "string"
  );
}

function classifyError(err: unknown, timeout: AbortSignal, timeoutMs: number): CallFailure {
  if (timeout.aborted)
    return { kind: "timeout", retryable: true, message: `no answer within ${timeoutMs} ms` };
  const e = err as { name?: string; code?: string; message?: string }; // node errors carry `code`
  if (e.name === "AbortError")
    return { kind: "cancelled", retryable: false, message: "cancelled by the caller" };
  const code = e.code ?? "EUNKNOWN";
  return {
    kind: "connection",
    retryable: RETRYABLE_CODES.has(code),
    code,
    message: `${code}: ${e.message ?? String(err)}`,
  };
}
