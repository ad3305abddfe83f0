import { initTRPC } from "@trpc/server";

// The request context. Empty for now; issue 5 adds the session user.
export type Context = Record<string, never>;

export function createContext(): Context {
  return {};
}

// `t` stays private: routers use the named builders below, so adding auth later means
// adding `protectedProcedure` here rather than touching every router.
const t = initTRPC.context<Context>().create();

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
