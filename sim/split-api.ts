/**
 * The January-2025 split endpoints (`split` profile, sled-agent/src/http_entrypoints.rs @
 * 94d76b894f): each PUT carries the full set for its endpoint with its own generation and is
 * applied before the agent answers. The rules (generations, strict semantics, dataset deletion
 * on or off) are lib/sled/rules.ts — the same code the hazard check replays.
 */
import { applyDatasets, applyDisks, applyZones } from "../lib/sled/rules";
import type { ApplyResult } from "../lib/sled/violations";
import { datasetsBody, disksBody } from "../lib/wire/bodies";
import { datasetsConfigSchema, disksConfigSchema, zonesConfigSchema } from "../lib/wire/schemas";
import type { WireDisk } from "../lib/wire/types";
import type { DatasetsManagementResult, DisksManagementResult } from "../lib/wire/agent-responses";
import { badBody } from "./errors";
import type { Reply } from "./http-util";
import { splitInventory } from "./inventory";
import type { AgentContext, Routes } from "./agent-context";

async function applyAndLedger(
  agent: AgentContext,
  requestId: string,
  apply: () => ApplyResult,
  newDisks: readonly WireDisk[],
  ok: Reply,
): Promise<Reply> {
  return agent.exclusive(async () => {
    const result = apply();
    if (!result.ok) return agent.reject(result.violations, requestId);
    if (result.changed)
      await agent.commit({ state: result.state, hardware: agent.hardwareWith(newDisks) });
    return ok;
  });
}

const putDisks = async (agent: AgentContext, raw: unknown, requestId: string): Promise<Reply> => {
  const parsed = disksConfigSchema.safeParse(raw);
  if (!parsed.success) return badBody(parsed.error, requestId);
  const body = parsed.data;
  // Every listed disk is found and adopted: `err` is null (DiskManagementStatus).
  const result: DisksManagementResult = {
    status: body.disks.map((d) => ({ identity: d.identity, err: null })),
  };
  return applyAndLedger(agent, requestId, () => applyDisks(agent.state, body), body.disks, {
    status: 200,
    body: result,
  });
};

const putDatasets = async (
  agent: AgentContext,
  raw: unknown,
  requestId: string,
): Promise<Reply> => {
  const parsed = datasetsConfigSchema.safeParse(raw);
  if (!parsed.success) return badBody(parsed.error, requestId);
  const body = parsed.data;
  const result: DatasetsManagementResult = {
    status: Object.values(body.datasets).map((d) => ({ dataset_name: { ...d.name }, err: null })),
  };
  return applyAndLedger(
    agent,
    requestId,
    () => applyDatasets(agent.state, body, agent.opts.rules),
    [],
    { status: 200, body: result },
  );
};

const putZones = async (agent: AgentContext, raw: unknown, requestId: string): Promise<Reply> => {
  const parsed = zonesConfigSchema.safeParse(raw);
  if (!parsed.success) return badBody(parsed.error, requestId);
  const body = parsed.data;
  return applyAndLedger(agent, requestId, () => applyZones(agent.state, body), [], { status: 204 });
};

export const SPLIT_ROUTES: Routes = {
  "/omicron-physical-disks": {
    GET: async (agent) => ({
      status: 200,
      body: disksBody(agent.state.generations.disks, agent.state.disks),
    }),
    PUT: putDisks,
  },
  "/datasets": {
    GET: async (agent) => ({
      status: 200,
      body: datasetsBody(agent.state.generations.datasets, agent.state.datasets),
    }),
    PUT: putDatasets,
  },
  "/omicron-zones": { PUT: putZones },
  "/inventory": {
    GET: async (agent) => ({
      status: 200,
      body: splitInventory(agent.identity(), agent.state, agent.hardware),
    }),
  },
};
