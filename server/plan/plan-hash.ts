import { createHash } from "node:crypto";
import { canonicalJson } from "~/lib/util/canonical-json";
import type { Plan } from "~/lib/plan/types";

/**
 * The plan hash approvals bind to: SHA-256 of the plan's canonical JSON. Lives in server/
 * because lib/ stays free of node: imports.
 */
export function planHash(plan: Plan): string {
  return createHash("sha256").update(canonicalJson(plan)).digest("hex");
}
