import { z } from "zod";
import { userDto } from "../dto/user.ts";
import { listUsers } from "../repo/users.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const userRouter = router({
  /** Names and roles (never hashes) for every logged-in user: requesters and approvers need to see each other. */
  list: protectedProcedure.output(z.array(userDto)).query(() => listUsers()),
});
