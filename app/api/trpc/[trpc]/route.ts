import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { crossSiteRefusal } from "../../../../server/auth/csrf.ts";
import { RequestLimiter, requestLimitsFromEnv } from "../../../../server/http/request-limits.ts";
import { appRouter } from "../../../../server/routers/_app.ts";
import { createContext, internalErrorReference } from "../../../../server/trpc.ts";

// The only place app/ imports server/ at run time: the HTTP entry to the tRPC API.
export const dynamic = "force-dynamic";

// Body cap and per-client rate (server/http/request-limits.ts), configured from the
// environment on the first request.
let limiter: RequestLimiter | undefined;

function handler(req: Request): Promise<Response> {
  // Mutations arrive as POST: refuse cross-site ones before any procedure runs.
  const refusal = crossSiteRefusal(req);
  if (refusal !== null) {
    const body = JSON.stringify({ error: { message: refusal, code: "FORBIDDEN" } });
    return Promise.resolve(
      new Response(body, { status: 403, headers: { "content-type": "application/json" } }),
    );
  }
  limiter ??= new RequestLimiter(requestLimitsFromEnv(process.env));
  const admitted = limiter.admit(req);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: admitted.req,
    router: appRouter,
    onError: ({ error, path }) => {
      const reference = internalErrorReference(error);
      if (reference !== null)
        console.error(`tRPC ${path ?? "?"} failed (reference ${reference}):`, error.cause ?? error);
    },
    // A throttled request fails here, before the session lookup or any procedure runs.
    createContext: (opts) => {
      if (admitted.refusal === null) return createContext(opts);
      opts.resHeaders.set("retry-after", String(admitted.retryAfterSeconds));
      return Promise.reject(admitted.refusal);
    },
  });
}

export { handler as GET, handler as POST };
