/**
 * Before the first request: does every affected sled still hold what the plan assumed?
 * Compares each agent's ledgered generations and contents with the plan's `assumed`
 * generations and the parent blueprint's in-service items. Any difference makes the plan
 * stale and nothing is sent (docs/ARCHITECTURE.md, "Stale check").
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { requestSteps, type Plan, type SledPlan } from "~/lib/plan/types.ts";
import { sameJson } from "~/lib/util/canonical-json.ts";
import { inServiceWireItems, sledConfigItems } from "~/lib/wire/bodies.ts";
import type { WireItems } from "~/lib/wire/types.ts";
import type { SledAgentClient } from "../sled-agent/client.ts";

export interface SledDrift {
  sledId: string;
  differences: string[];
  /**
   * Set when the agent could not be read. That alone does not make the plan stale: the
   * generations in every request still protect the sled, and the step's own retries decide.
   */
  unverified?: string;
}

interface Observed {
  generations: Partial<Record<"disks" | "datasets" | "zones" | "config", number>>;
  items: WireItems;
}

async function observe(client: SledAgentClient, sled: SledPlan): Promise<Observed | string> {
  if (sled.profile === "reconciler") {
    const inv = await client.getReconcilerInventory();
    if (!inv.ok) return `inventory unavailable: ${inv.failure.message}`;
    const cfg = inv.body.ledgered_sled_config;
    return {
      generations: { config: cfg?.generation ?? 1 },
      items: cfg ? sledConfigItems(cfg) : { disks: [], datasets: [], zones: [] },
    };
  }
  const [disks, datasets, inv] = await Promise.all([
    client.getDisks(),
    client.getDatasets(),
    client.getSplitInventory(),
  ]);
  if (!disks.ok) return `physical disks unavailable: ${disks.failure.message}`;
  if (!datasets.ok) return `datasets unavailable: ${datasets.failure.message}`;
  if (!inv.ok) return `inventory unavailable: ${inv.failure.message}`;
  const byId = <T extends { id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    generations: {
      disks: disks.body.generation,
      datasets: datasets.body.generation,
      zones: inv.body.omicron_zones.generation,
    },
    items: {
      disks: byId(disks.body.disks),
      datasets: byId(Object.values(datasets.body.datasets)),
      zones: byId(inv.body.omicron_zones.zones),
    },
  };
}

function itemDifferences(
  kind: "disks" | "datasets" | "zones",
  got: { id: string }[],
  want: { id: string }[],
): string[] {
  const out: string[] = [];
  const g = new Map(got.map((i) => [i.id, i]));
  const w = new Map(want.map((i) => [i.id, i]));
  const noun = kind.slice(0, -1);
  for (const [id, item] of w) {
    if (!g.has(id)) out.push(`${noun} ${id} is missing from the agent`);
    else if (!sameJson(g.get(id), item))
      out.push(`${noun} ${id} differs from the parent blueprint`);
  }
  for (const id of g.keys())
    if (!w.has(id)) out.push(`${noun} ${id} is on the agent but not in the parent blueprint`);
  return out;
}

export async function checkSledDrift(
  client: SledAgentClient,
  sled: SledPlan,
  parent: Blueprint,
): Promise<SledDrift> {
  const observed = await observe(client, sled);
  if (typeof observed === "string")
    return { sledId: sled.sledId, differences: [], unverified: observed };
  const differences: string[] = [];
  for (const [endpoint, gen] of Object.entries(observed.generations) as [
    keyof SledPlan["assumed"],
    number,
  ][]) {
    if (gen !== sled.assumed[endpoint])
      differences.push(
        `${endpoint} generation is ${gen}, the plan assumed ${sled.assumed[endpoint]}`,
      );
  }
  const parentSled = parent.sleds.find((s) => s.id === sled.sledId);
  const want = parentSled
    ? inServiceWireItems(parentSled, sled.profile)
    : { disks: [], datasets: [], zones: [] };
  for (const kind of ["disks", "datasets", "zones"] as const)
    differences.push(...itemDifferences(kind, observed.items[kind], want[kind]));
  return { sledId: sled.sledId, differences };
}

/**
 * Sleds the plan sends requests to. A sled whose only step is its decommission step is not
 * one: it left the rack, so its agent is neither read nor required.
 */
export function affectedSleds(plan: Plan): SledPlan[] {
  const sending = new Set(requestSteps(plan).map((s) => s.sledId));
  return plan.sleds.filter((s) => sending.has(s.sledId));
}
