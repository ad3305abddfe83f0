/**
 * Which sleds of a plan lack a usable sled agent. `execution.request` refuses such a plan and
 * the request page says so before the click, with the same words: otherwise it would be
 * approved and only end `stale` when it runs. A sled that only leaves the rack (its
 * decommission step) sends nothing, so it needs no agent.
 */
import { shortId } from "../blueprint/zones";
import { NEXUS_STEP_SLED, type PlanStep } from "./types";

export interface KnownAgent {
  sledId: string;
  /** Set once a decommission step marked the agent; it is no longer sent anything. */
  decommissionedAt?: Date | string | null;
}

export interface MissingAgent {
  sledId: string;
  reason: "none" | "decommissioned";
}

export const REGISTER_AGENT_HINT =
  "register its agent on the rack page or with rack.setSledAgent({rackId, sledId, address, profile})";

/** A plan, or its JSON form from the API (the request page asks before the click). */
interface StepsOf {
  steps: readonly Pick<PlanStep, "kind" | "sledId">[];
}

export function sledsNeedingAgent(plan: StepsOf, agents: readonly KnownAgent[]): MissingAgent[] {
  const known = new Map(agents.map((a) => [a.sledId, a]));
  // `kind` is absent from plans stored before decommission steps: all their steps are requests.
  // A mode plan's steps about Nexus itself are no sled's; its sled watches read the agent.
  const sending = plan.steps
    .filter((s) => s.kind !== "decommission" && s.sledId !== NEXUS_STEP_SLED)
    .map((s) => s.sledId);
  const sleds = [...new Set(sending)].sort();
  const out: MissingAgent[] = [];
  for (const sledId of sleds) {
    const agent = known.get(sledId);
    if (!agent) out.push({ sledId, reason: "none" });
    else if (agent.decommissionedAt) out.push({ sledId, reason: "decommissioned" });
  }
  return out;
}

/** One sentence naming every sled (short id, then the full id) and how to register an agent. */
export function missingAgentMessage(missing: readonly MissingAgent[]): string {
  const name = (m: MissingAgent) =>
    `${shortId(m.sledId)} (${m.sledId}${m.reason === "decommissioned" ? ", its agent was decommissioned" : ""})`;
  const which =
    missing.length === 1 ? `sled ${name(missing[0]!)} has` : `${missing.length} sleds have`;
  const list = missing.length === 1 ? "" : `: ${missing.map(name).join(", ")}`;
  return `the plan sends requests to sleds without a known sled agent; ${which} none${list}. To request it, ${REGISTER_AGENT_HINT}`;
}
