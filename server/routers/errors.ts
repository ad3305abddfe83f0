import { TRPCError } from "@trpc/server";
import { NotFoundError } from "../services/blueprints.ts";

/** Runs a service call, turning its NotFoundError into tRPC's NOT_FOUND. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new TRPCError({ code: "NOT_FOUND", message: err.message });
    throw err;
  }
}
