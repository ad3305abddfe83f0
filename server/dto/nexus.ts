/** Wire types of a rack's Nexus link (issue 14): instances, target, history, raw blueprints. */
import { z } from "zod";
import { id } from "./id.ts";

const iso = z.iso.datetime();

export const nexusTargetDto = z.object({
  blueprintId: id,
  enabled: z.boolean(),
  timeMadeTarget: iso,
});

export const nexusInstanceDto = z.object({
  url: z.string(),
  reachable: z.boolean(),
  lastPolledAt: iso.nullable(),
  error: z.string().optional(),
  /** lockstep | jan-2025 | unknown; null before the first answer. */
  era: z.string().nullable(),
  /** The target this instance reported last (instances disagree during updates). */
  target: nexusTargetDto.nullable(),
});

export const rackNexusDto = z.object({
  instances: z.array(nexusInstanceDto),
  /** The newest target any instance reported. */
  target: nexusTargetDto.nullable(),
  plannerEnabled: z.boolean().nullable(),
  /** Instances that answered report different targets. */
  disagreement: z.boolean(),
});
export type RackNexusDto = z.infer<typeof rackNexusDto>;

export const targetChangeDto = z.object({
  /** A decimal string (a bigint): pass it as `before` for the next page. */
  id: z.string(),
  blueprintId: id,
  enabled: z.boolean(),
  timeMadeTarget: iso,
  reportedBy: z.string(),
  observedAt: iso,
  /** The target's parent, for its diff; null when it has none or the console has not stored it. */
  parentId: id.nullable(),
  /** The console stored it raw (it could not read it): no diff, no execution. */
  raw: z.boolean(),
});

export const targetHistoryDto = z.object({
  entries: z.array(targetChangeDto),
  nextBefore: z.string().nullable(),
});

export const rawBlueprintSummaryDto = z.object({
  id: id,
  rackId: id,
  parentId: id.nullable(),
  era: z.string(),
  comment: z.string(),
  timeCreated: iso.nullable(),
  fetchedAt: iso,
  /** What was not understood, as `{path, message}` (the banner). */
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  pruned: z.boolean(),
});

export const nexusUrlsSchema = z.array(z.string().trim().min(1).max(500)).max(16);

/** nexusExecutor.status (issue 15): Nexus's execution as a `direct` execution left it. */
export const nexusExecutorStatusDto = z.object({
  /** Null: the console has not disabled Nexus's execution of this rack. */
  disabled: z
    .object({
      since: iso,
      byExecutionId: id.nullable(),
      /** The target whose execution was disabled. */
      blueprintId: id.nullable(),
      /** A request to re-enable it, awaiting a second person's approval. */
      reenable: z
        .object({
          requestedBy: z.object({ id, name: z.string() }),
          requestedAt: iso,
          comment: z.string(),
        })
        .nullable(),
    })
    .nullable(),
});
export type NexusExecutorStatusDto = z.infer<typeof nexusExecutorStatusDto>;
