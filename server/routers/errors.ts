import { TRPCError } from "@trpc/server";
import type { Result } from "../services/result.ts";

/**
 * The one place a service's failure becomes a tRPC error (docs/ARCHITECTURE.md "Errors"): its
 * code and message go to the client as they are. Every router unwraps service results with it;
 * only server/trpc.ts's middlewares and server/http throw TRPCErrors of their own (protocol
 * level: sessions, roles, limits).
 */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new TRPCError({ code: result.code, message: result.message });
  return result.value;
}
