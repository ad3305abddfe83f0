/**
 * HTTP plumbing shared by the simulated sled agents and the admin server. Error bodies follow
 * dropshot's `HttpErrorResponseBody` (`{request_id, error_code, message}`, schema `Error` in
 * both sled-agent specs), and every response carries dropshot's `x-request-id` header.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OmicronErrorBody } from "../lib/wire/agent-responses";

/** dropshot's default `request_body_max_bytes` is 1 MiB; sled agents raise it for configs. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface Reply {
  status: number;
  body?: unknown;
}

export function newRequestId(): string {
  return randomUUID();
}

export function errorReply(
  status: number,
  errorCode: string | null,
  message: string,
  requestId: string,
): Reply {
  // dropshot omits a missing `error_code` (the spec's `Error` has it optional, never null)
  const body: OmicronErrorBody =
    errorCode === null
      ? { request_id: requestId, message }
      : { request_id: requestId, error_code: errorCode, message };
  return { status, body };
}

export function sendReply(res: ServerResponse, reply: Reply, requestId: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.setHeader("x-request-id", requestId);
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    })
    .end(text);
}

export type BodyResult =
  { ok: true; value: unknown } | { ok: false; reply: (requestId: string) => Reply };

/** Reads and parses a JSON body; an empty body reads as `undefined`. */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (!done) resolve(r);
      done = true;
    };
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        finish({
          ok: false,
          reply: (id) =>
            errorReply(413, null, `request body exceeded maximum size of ${limit} bytes`, id),
        });
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (text.trim() === "") return finish({ ok: true, value: undefined });
      try {
        finish({ ok: true, value: JSON.parse(text) as unknown });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        finish({
          ok: false,
          reply: (id) => errorReply(400, null, `unable to parse JSON body: ${msg}`, id),
        });
      }
    });
    req.on("error", () =>
      finish({
        ok: false,
        reply: (id) => errorReply(400, null, "request body could not be read", id),
      }),
    );
  });
}

/** Abortable sleep; resolves `false` when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
