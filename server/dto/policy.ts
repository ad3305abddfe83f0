import { z } from "zod";
import { POLICY_IDS, POLICY_LEVELS, type PolicyResult } from "~/lib/policy/policies.ts";

export const policyIdSchema = z.enum(POLICY_IDS);
export const policyLevelSchema = z.enum(POLICY_LEVELS);

/** `policy: [{id, level, passed, message}]` of blueprint.plan and execution.byId (issue 16). */
export const policyResultDto = z.object({
  id: policyIdSchema,
  level: policyLevelSchema,
  passed: z.boolean(),
  message: z.string(),
}) satisfies z.ZodType<PolicyResult>;

export const rackPolicyDto = z.object({
  checks: z.array(
    z.object({ id: policyIdSchema, level: policyLevelSchema, default: policyLevelSchema }),
  ),
  maxSledsChanged: z.number().int(),
  updatedAt: z.string().nullable(),
});
