import { z } from "zod";
import { id } from "./id.ts";
import type { SledInventory } from "../services/inventory.ts";
import { rackNexusDto } from "./nexus.ts";
import { profileSchema } from "./plan.ts";

export const sledAgentDto = z.object({
  sledId: id,
  address: z.string(),
  profile: profileSchema,
  ledgered: z
    .object({ disks: z.number(), datasets: z.number(), zones: z.number(), config: z.number() })
    .nullable(),
  /** Set once an execution's decommission step marked the sled decommissioned. */
  decommissionedAt: z
    .date()
    .transform((d) => d.toISOString())
    .nullable(),
});

export const rackSummaryDto = z.object({
  id: id,
  name: z.string(),
  currentBlueprintId: id.nullable(),
  createdAt: z.iso.datetime(),
  sledAgentCount: z.number().int(),
  blueprintCount: z.number().int(),
});

export const rackDetailDto = rackSummaryDto.extend({
  sledAgents: z.array(sledAgentDto),
  nexus: rackNexusDto,
});

const generations = z
  .object({ disks: z.number(), datasets: z.number(), zones: z.number(), config: z.number() })
  .partial();
const driftItem = z.object({
  kind: z.enum(["disk", "dataset", "zone"]),
  id: z.string().nullable(),
  label: z.string(),
  detail: z.string().optional(),
});

export const sledInventoryDto = z.object({
  sledId: z.string(),
  address: z.string().nullable(),
  profile: profileSchema.nullable(),
  reachable: z.boolean(),
  decommissioned: z.boolean(),
  error: z.string().nullable(),
  generations,
  reconciler: z
    .object({
      status: z.string(),
      lastReconciledGeneration: z.number().nullable(),
      /** lib/sled/reconciler-view: reconciling / behind / failing which items / reconciled, since when. */
      view: z.object({
        state: z.enum(["not-yet-run", "reconciling", "behind", "failing", "reconciled"]),
        since: z.string().nullable(),
        ledgeredGeneration: z.number().nullable(),
        reconciledGeneration: z.number().nullable(),
        failing: z.array(z.string()),
      }),
    })
    .nullable(),
  drift: z
    .object({
      missing: z.array(driftItem),
      extra: z.array(driftItem),
      differing: z.array(driftItem),
      orphaned: z.array(driftItem),
      generations: z.array(
        z.object({
          ledger: z.enum(["disks", "datasets", "zones", "config"]),
          expected: z.number(),
          observed: z.number(),
        }),
      ),
      inSync: z.boolean(),
    })
    .nullable(),
}) satisfies z.ZodType<SledInventory>;

export const rackInventoryDto = z.object({
  rackId: id,
  currentBlueprintId: id.nullable(),
  readAt: z.iso.datetime(),
  sleds: z.array(sledInventoryDto),
});
