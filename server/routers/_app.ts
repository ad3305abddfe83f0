// The API and everything it reaches (the database, sessions, the executor's services) must
// never be bundled for the browser: Next fails the build if a client module imports this one.
// The UI takes only its type (`import type { AppRouter }`). Vitest maps it to a no-op.
import "server-only";
import { createCallerFactory, router } from "../trpc.ts";
import { authRouter } from "./auth.ts";
import { blueprintRouter } from "./blueprint.ts";
import { executionRouter } from "./execution.ts";
import { healthRouter } from "./health.ts";
import { liveRouter } from "./live.ts";
import { policyRouter } from "./policy.ts";
import { nexusExecutorRouter } from "./nexus-executor.ts";
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
  live: liveRouter,
  policy: policyRouter,
  nexusExecutor: nexusExecutorRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
