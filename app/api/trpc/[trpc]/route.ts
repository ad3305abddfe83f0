import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { crossSiteRefusal } from "~/server/auth/csrf.ts";
import { requestClient } from "~/server/http/client-key.ts";
import { batchRefusal, calledProcedures, MAX_BATCH_SIZE } from "~/server/http/batches.ts";
import { RequestLimiter, requestLimitsFromEnv } from "~/server/http/request-limits.ts";
import { appRouter } from "~/server/routers/_app.ts";
import { createContext, internalErrorReference } from "~/server/trpc.ts";

// The only place app/ imports server/ at run time: the HTTP entry to the tRPC API.
export const dynamic = "force-dynamic";

// Body caps (gzip bodies decompressed and capped per decompressed byte) and per-client rate (server/http/request-limits.ts), configured from the
// environment on the first request.
let limiter: RequestLimiter | undefined;

function refuse(status: number, code: string, message: string): Promise<Response> {
  const body = JSON.stringify({ error: { message, code } });
  return Promise.resolve(
    new Response(body, { status, headers: { "content-type": "application/json" } }),
  );
}

function handler(req: Request): Promise<Response> {
  // Mutations arrive as POST: refuse cross-site ones before any procedure runs.
  const refusal = crossSiteRefusal(req);
  if (refusal !== null) return refuse(403, "FORBIDDEN", refusal);
  const called = calledProcedures(req);
  const unbatchable = batchRefusal(called);
  if (unbatchable !== null) return refuse(400, "BAD_REQUEST", unbatchable);
  limiter ??= new RequestLimiter(requestLimitsFromEnv(process.env));
  // Every procedure of a batch counts against the client's rate.
  const admitted = limiter.admit(req, called.procedures);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: admitted.req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    onError: ({ error, path }) => {
      const reference = internalErrorReference(error);
      if (reference !== null)
        console.error(`tRPC ${path ?? "?"} failed (reference ${reference}):`, error.cause ?? error);
    },
    // A throttled request fails here, before the session lookup or any procedure runs.
    createContext: (opts) => {
      if (admitted.refusal === null)
        return createContext({ ...opts, clientAddress: requestClient(req) });
      opts.resHeaders.set("retry-after", String(admitted.retryAfterSeconds));
      return Promise.reject(admitted.refusal);
    },
  });
}

export { handler as GET, handler as POST };
