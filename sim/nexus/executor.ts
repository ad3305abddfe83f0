/**
 * The simulated Nexus's executor: while the target is enabled, re-send every sled of the
 * target its configuration, as Nexus's blueprint executor does on every activation
 * (nexus/reconfigurator/execution: `deploy_sled_configs`). The bodies are the console's own
 * wire bodies (lib/wire/bodies.ts): `PUT /omicron-config` for today's agents, and for
 * January-2025 agents that era's order — disks, then datasets, then zones (the #7309 order).
 * Re-sending is harmless: the same generation with the same content changes nothing.
 */
import type { SledConfig } from "~/lib/blueprint/model";
import {
  datasetsBody,
  disksBody,
  inServiceWireItems,
  sledConfigBody,
  sledConfigExtras,
  zonesBody,
} from "~/lib/wire/bodies";
import type { SledAgentProfile } from "~/lib/wire/types";
import type { NexusState } from "./state";

export interface ExecutorSled {
  id: string;
  url: string;
  profile: SledAgentProfile;
}

export interface SledPush {
  sledId: string;
  blueprintId: string;
  at: string;
  /** Status of each request sent, in order; null: no answer. */
  statuses: Array<number | null>;
}

const CALL_TIMEOUT_MS = 5_000;

function requests(sled: SledConfig, profile: SledAgentProfile): Array<[string, unknown]> {
  const items = inServiceWireItems(sled, profile);
  if (profile === "reconciler")
    return [["/omicron-config", sledConfigBody(sled.generation, items, sledConfigExtras(sled))]];
  const g = sled.splitGenerations ?? {
    disks: sled.generation,
    datasets: sled.generation,
    zones: sled.generation,
  };
  return [
    ["/omicron-physical-disks", disksBody(g.disks, items.disks)],
    ["/datasets", datasetsBody(g.datasets, items.datasets)],
    ["/omicron-zones", zonesBody(g.zones, items.zones)],
  ];
}

async function put(url: string, body: unknown): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

export class SimNexusExecutor {
  /** The last push per sled (the admin API shows it). */
  readonly lastPush = new Map<string, SledPush>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly state: NexusState,
    private readonly sleds: readonly ExecutorSled[],
  ) {}

  /** One activation; overlapping calls share the one in progress. */
  activate(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    const target = this.state.target;
    const bp = this.state.targetBlueprint();
    if (!target?.enabled || !bp) return;
    await Promise.all(
      bp.sleds
        .filter((s) => s.state === "active")
        .map(async (sled) => {
          const agent = this.sleds.find((a) => a.id === sled.id);
          if (!agent) return;
          const statuses: Array<number | null> = [];
          for (const [path, body] of requests(sled, agent.profile)) {
            const status = await put(`${agent.url}${path}`, body);
            statuses.push(status);
            if (status === null || status >= 300) break; // like Nexus: the next activation retries
          }
          this.lastPush.set(sled.id, {
            sledId: sled.id,
            blueprintId: bp.id,
            at: new Date().toISOString(),
            statuses,
          });
        }),
    );
  }
}
