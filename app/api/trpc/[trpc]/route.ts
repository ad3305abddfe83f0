import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { crossSiteRefusal } from "../../../../server/auth/csrf.ts";
import { appRouter } from "../../../../server/routers/_app.ts";
import { createContext } from "../../../../server/trpc.ts";

// The only place app/ imports server/ at run time: the HTTP entry to the tRPC API.
export const dynamic = "force-dynamic";

function handler(req: Request): Promise<Response> {
  // Mutations arrive as POST: refuse cross-site ones before any procedure runs.
  const refusal = crossSiteRefusal(req);
  if (refusal !== null) {
    const body = JSON.stringify({ error: { message: refusal, code: "FORBIDDEN" } });
    return Promise.resolve(
      new Response(body, { status: 403, headers: { "content-type": "application/json" } }),
    );
  }
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext });
}

export { handler as GET, handler as POST };
