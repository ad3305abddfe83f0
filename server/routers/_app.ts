import { createCallerFactory, router } from "../trpc.ts";
import { authRouter } from "./auth.ts";
import { blueprintRouter } from "./blueprint.ts";
import { executionRouter } from "./execution.ts";
import { healthRouter } from "./health.ts";
import { rackRouter } from "./rack.ts";
import { userRouter } from "./user.ts";

// One router per noun, merged here.
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  user: userRouter,
  rack: rackRouter,
  blueprint: blueprintRouter,
  execution: executionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
