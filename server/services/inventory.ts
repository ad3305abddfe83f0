/**
 * rack.inventory: read every sled agent's inventory at once (each with a short timeout, so
 * one dead agent costs seconds, not the page) and compare it with the rack's current
 * blueprint (lib/rack/drift.ts).
 */
import type { Blueprint, DiskIdentity, SledConfig } from "~/lib/blueprint/model.ts";
import { datasetFullName } from "~/lib/blueprint/zones.ts";
import { ledgersOf } from "~/lib/plan/make-plan.ts";
import {
  sledDrift,
  type Generations,
  type ObservedAgent,
  type SledDrift,
} from "~/lib/rack/drift.ts";
import { sledConfigItems } from "~/lib/wire/bodies.ts";
import { reconcilerView, type ReconcilerView } from "~/lib/sled/reconciler-view.ts";
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import { agentAddressRefusal } from "../http/agent-hosts.ts";
import {
  createSledAgentClient,
  type CallFailure,
  type SledAgentClient,
} from "../sled-agent/client.ts";
import type { SledAgentRecord } from "../repo/sled-agents.ts";

export const INVENTORY_TIMEOUT_MS = 3_000;
/** Agents read at once: a 1,000-sled rack should not open 3,000 sockets in one go. */
export const INVENTORY_CONCURRENCY = 64;

/** `items.map(fn)` with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T); // i < items.length, checked just above
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export type Observation =
  | {
      reachable: true;
      observed: ObservedAgent;
      /** The physical disks the agent reports present (`disks` of its inventory). */
      disks: DiskIdentity[];
      reconciler: {
        status: string;
        lastReconciledGeneration: number | null;
        view: ReconcilerView;
      } | null;
    }
  | { reachable: false; error: string };

/**
 * A failed call as viewers may see it: the status or the kind of failure, never the agent's
 * own text (an address pointing elsewhere would make the console a proxy for that body).
 */
export function failureSummary(f: CallFailure): string {
  switch (f.kind) {
    case "http":
      return `HTTP ${f.status}`;
    case "bad-response":
      return `HTTP ${f.status} with a body that is not JSON`;
    case "connection":
      return `connection failed (${f.code})`;
    default:
      return f.message; // timeout, cancelled: our own words
  }
}

const byId = <T extends { id: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const presentDisks = (inv: { disks?: readonly { identity: DiskIdentity }[] }): DiskIdentity[] =>
  (inv.disks ?? []).map((d) => ({ ...d.identity }));

async function observeReconciler(client: SledAgentClient): Promise<Observation> {
  const inv = await client.getReconcilerInventory();
  if (!inv.ok) return { reachable: false, error: `GET /inventory: ${failureSummary(inv.failure)}` };
  const cfg = inv.body.ledgered_sled_config;
  const last = inv.body.last_reconciliation;
  return {
    reachable: true,
    disks: presentDisks(inv.body),
    observed: {
      generations: { config: cfg?.generation ?? 1 },
      ledgered: cfg ? sledConfigItems(cfg) : { disks: [], datasets: [], zones: [] },
      orphaned: (last?.orphaned_datasets ?? []).map((o) => ({
        name: datasetFullName({ pool: o.name.pool_name, kind: o.name.kind }),
        id: o.id,
        reason: o.reason,
      })),
    },
    reconciler: {
      status: inv.body.reconciler_status.status,
      lastReconciledGeneration: last?.last_reconciled_config.generation ?? null,
      view: reconcilerView(inv.body),
    },
  };
}

/** January-2025 agents keep one ledger per endpoint: three GETs. */
async function observeSplit(client: SledAgentClient): Promise<Observation> {
  const [disks, datasets, inv] = await Promise.all([
    client.getDisks(),
    client.getDatasets(),
    client.getSplitInventory(),
  ]);
  if (!disks.ok)
    return {
      reachable: false,
      error: `GET /omicron-physical-disks: ${failureSummary(disks.failure)}`,
    };
  if (!datasets.ok)
    return { reachable: false, error: `GET /datasets: ${failureSummary(datasets.failure)}` };
  if (!inv.ok) return { reachable: false, error: `GET /inventory: ${failureSummary(inv.failure)}` };
  const generations: Generations = {
    disks: disks.body.generation,
    datasets: datasets.body.generation,
    zones: inv.body.omicron_zones.generation,
  };
  return {
    reachable: true,
    disks: presentDisks(inv.body),
    observed: {
      generations,
      ledgered: {
        disks: byId(disks.body.disks),
        datasets: byId(Object.values(datasets.body.datasets)),
        zones: byId(inv.body.omicron_zones.zones),
      },
      datasetsOnDisk: inv.body.datasets.map((d) => ({ name: d.name, id: d.id })),
    },
    reconciler: null,
  };
}

export async function observeAgent(
  address: string,
  profile: SledAgentProfile,
  timeoutMs = INVENTORY_TIMEOUT_MS,
): Promise<Observation> {
  // Stored before the allow-list existed, or the list changed since: not called.
  const refusal = agentAddressRefusal(address);
  if (refusal !== null) return { reachable: false, error: `not read: ${refusal}` };
  const client = createSledAgentClient({ baseUrl: address, timeoutMs });
  try {
    return profile === "split" ? await observeSplit(client) : await observeReconciler(client);
  } finally {
    client.close();
  }
}

export interface SledInventory {
  sledId: string;
  address: string | null;
  profile: SledAgentProfile | null;
  reachable: boolean;
  /**
   * The sled left the rack (its agent record was marked by a decommission step, or the current
   * blueprint decommissions it): its agent is not read, so it is never "unreachable".
   */
  decommissioned: boolean;
  error: string | null;
  generations: Generations;
  reconciler: {
    status: string;
    lastReconciledGeneration: number | null;
    view: ReconcilerView;
  } | null;
  drift: SledDrift | null;
}

/** Every sled of the blueprint and every known agent, sorted by sled id. */
export async function rackInventory(
  current: Blueprint | null,
  agents: readonly SledAgentRecord[],
): Promise<SledInventory[]> {
  const all = current?.sleds ?? [];
  const sleds = new Map(all.filter((s) => s.state !== "decommissioned").map((s) => [s.id, s]));
  const gone = new Set(all.filter((s) => s.state === "decommissioned").map((s) => s.id));
  const withAgents = await mapLimited(agents, INVENTORY_CONCURRENCY, (agent) =>
    agentInventory(agent, sleds.get(agent.sledId), gone.has(agent.sledId)),
  );
  const known = new Set(agents.map((a) => a.sledId));
  const without = [...sleds.keys()]
    .filter((id) => !known.has(id))
    .map((sledId): SledInventory => ({
      sledId,
      address: null,
      profile: null,
      ...NOT_READ,
      decommissioned: false,
      error: "no sled agent address is known for this sled",
    }));
  return [...withAgents, ...without].sort((a, b) => (a.sledId < b.sledId ? -1 : 1));
}

const NOT_READ = { reachable: false, generations: {}, reconciler: null, drift: null } as const;

/** One agent read now (unless its sled left the rack), and its drift against `expected`. */
async function agentInventory(
  agent: SledAgentRecord,
  expected: SledConfig | undefined,
  decommissionedInBlueprint: boolean,
): Promise<SledInventory> {
  const base = { sledId: agent.sledId, address: agent.address, profile: agent.profile };
  if (agent.decommissionedAt || decommissionedInBlueprint)
    return { ...base, ...NOT_READ, decommissioned: true, error: null };
  const seen = await observeAgent(agent.address, agent.profile);
  if (!seen.reachable) return { ...base, ...NOT_READ, decommissioned: false, error: seen.error };
  const drift = sledDrift({
    expected,
    profile: agent.profile,
    expectedGenerations: agent.ledgered ?? ledgersOf(expected),
    observed: seen.observed,
  });
  return {
    ...base,
    reachable: true,
    decommissioned: false,
    error: null,
    generations: seen.observed.generations,
    reconciler: seen.reconciler,
    drift,
  };
}
