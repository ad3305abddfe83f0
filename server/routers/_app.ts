import { createCallerFactory, router } from "../trpc.ts";
import { healthRouter } from "./health.ts";

// One router per noun, merged here.
export const appRouter = router({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
