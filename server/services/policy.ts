/**
 * Policy checks for a rack's plan (lib/policy): the rack's levels, the plan's hazards, and what
 * inventory says of the hardware the change takes away. Only the sleds that matter are read
 * (the ones the target removes, decommissions, or takes a disk from), each with the inventory
 * timeout; a sled whose agent is unknown or does not answer counts as not seen (the check is
 * about hardware still reported healthy, and silence reports nothing).
 */
import {
  DEFAULT_MAX_SLEDS_CHANGED,
  DEFAULT_POLICY_LEVELS,
  POLICY_IDS,
  checkPolicies,
  sledsToObserve,
  type ObservedSled,
  type PolicyId,
  type PolicyLevel,
  type PolicyResult,
} from "~/lib/policy/policies.ts";
import type { AuditActor } from "../repo/audit.ts";
import { getRackPolicy, setRackPolicy, type RackPolicySettings } from "../repo/policy.ts";
import { getRack } from "../repo/racks.ts";
import { notFound, ok, type Result } from "./result.ts";
import { listSledAgents } from "../repo/sled-agents.ts";
import { observeAgent } from "./inventory.ts";
import type { RackPlan } from "./plan-for-rack.ts";

async function observeSleds(
  rackId: string,
  sledIds: readonly string[],
): Promise<Record<string, ObservedSled>> {
  if (sledIds.length === 0) return {};
  const agents = (await listSledAgents(rackId)).filter(
    (a) => sledIds.includes(a.sledId) && a.decommissionedAt === null,
  );
  const seen = await Promise.all(
    agents.map(async (a) => {
      // The rack page's timeout (INVENTORY_TIMEOUT_MS): an agent slower than that counts as
      // not seen, like one that does not answer at all.
      const o = await observeAgent(a.address, a.profile);
      const sled: ObservedSled = o.reachable
        ? { reachable: true, disks: o.disks }
        : { reachable: false };
      return [a.sledId, sled] as const;
    }),
  );
  return Object.fromEntries(seen);
}

export async function policyForPlan(
  rackId: string,
  planned: Pick<RackPlan, "parent" | "target" | "hazards">,
  currentBlueprintId: string | null,
): Promise<PolicyResult[]> {
  const [settings, observed] = await Promise.all([
    getRackPolicy(rackId),
    observeSleds(rackId, sledsToObserve(planned.parent, planned.target)),
  ]);
  return checkPolicies({
    parent: planned.parent,
    target: planned.target,
    currentBlueprintId,
    hazardCount: planned.hazards.length,
    observed,
    levels: settings.levels,
    maxSledsChanged: settings.maxSledsChanged ?? undefined,
  });
}

/** A rack's policy settings with the defaults they override, for the policy page and API. */
export async function rackPolicySettings(rackId: string): Promise<Result<RackPolicyView>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const settings = await getRackPolicy(rackId);
  return ok(policyView(settings));
}

export interface RackPolicyView {
  /** Every check with its effective level and whether the rack overrides the default. */
  checks: { id: PolicyId; level: PolicyLevel; default: PolicyLevel }[];
  maxSledsChanged: number;
  updatedAt: string | null;
}

function policyView(settings: RackPolicySettings): RackPolicyView {
  return {
    checks: POLICY_IDS.map((id) => ({
      id,
      level: settings.levels[id] ?? DEFAULT_POLICY_LEVELS[id],
      default: DEFAULT_POLICY_LEVELS[id],
    })),
    maxSledsChanged: settings.maxSledsChanged ?? DEFAULT_MAX_SLEDS_CHANGED,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/** An admin sets the rack's levels (only those differing from the default are kept); audited. */
export async function setRackPolicySettings(
  actor: AuditActor,
  input: {
    rackId: string;
    levels: Partial<Record<PolicyId, PolicyLevel>>;
    maxSledsChanged: number | null;
  },
): Promise<Result<RackPolicyView>> {
  if (!(await getRack(input.rackId))) return notFound(`rack ${input.rackId}`);
  const levels: Partial<Record<PolicyId, PolicyLevel>> = {};
  for (const id of POLICY_IDS) {
    const level = input.levels[id];
    if (level !== undefined && level !== DEFAULT_POLICY_LEVELS[id]) levels[id] = level;
  }
  const max = input.maxSledsChanged === DEFAULT_MAX_SLEDS_CHANGED ? null : input.maxSledsChanged;
  return ok(policyView(await setRackPolicy(input.rackId, { levels, maxSledsChanged: max }, actor)));
}
