/**
 * The services' one error convention (docs/ARCHITECTURE.md "Errors"): an expected failure (no
 * such rack, a refused request, a lost race) is a value, `{ok: false, code, message}`, whose
 * code is the tRPC code the client gets and whose message is what the client reads; success is
 * `{ok: true, value}`. Services never throw for these; a throw is a bug (or the database gone)
 * and reaches the client as INTERNAL_SERVER_ERROR. The routers turn a failure into a TRPCError in
 * one place: server/routers/errors.ts `unwrap`.
 */
export type FailureCode =
  "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS";

export interface Failure {
  ok: false;
  code: FailureCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(code: FailureCode, message: string): Failure {
  return { ok: false, code, message };
}

/** "rack … not found", "blueprint … not found": one wording for every missing thing. */
export function notFound(what: string): Failure {
  return fail("NOT_FOUND", `${what} not found`);
}

/** A repository read that may find nothing, as a result: `what` names it in the failure. */
export function found<T>(value: T | null | undefined, what: string): Result<T> {
  return value === null || value === undefined ? notFound(what) : ok(value);
}
