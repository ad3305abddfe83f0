/**
 * What a tRPC request calls: `/api/trpc/a.b,c.d?batch=1` is a batch of two procedures. A
 * batch is capped (MAX_BATCH_SIZE, also tRPC's `maxBatchSize` in the route), each of its
 * procedures costs a rate-limit token, and auth.login is never batched: one request, one
 * password guess, so the login throttle and the rate limit see every guess.
 */
export const MAX_BATCH_SIZE = 16;

/** Procedures that must be called alone. */
const UNBATCHABLE = new Set(["auth.login"]);

export interface CalledProcedures {
  batch: boolean;
  procedures: string[];
}

export function calledProcedures(req: Request): CalledProcedures {
  const url = new URL(req.url);
  const raw = url.pathname.replace(/^.*\/api\/trpc\/?/, "");
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // tRPC answers a malformed path with its own 404; count it as it stands.
  }
  const batch = url.searchParams.get("batch") === "1";
  const procedures = batch ? path.split(",") : [path];
  return { batch, procedures };
}

/** Why the request is refused before any procedure runs, or null. */
export function batchRefusal(called: CalledProcedures): string | null {
  if (!called.batch) return null;
  if (called.procedures.length > MAX_BATCH_SIZE)
    return `A batch may call at most ${MAX_BATCH_SIZE} procedures; this one calls ${called.procedures.length}.`;
  const alone = called.procedures.find((p) => UNBATCHABLE.has(p));
  return alone === undefined
    ? null
    : `${alone} cannot be batched: send it as a request of its own.`;
}
