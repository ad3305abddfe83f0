/**
 * What the simulated Nexus's planner reports: omicron's `PlanningReport` JSON (planning_report.rs
 * @ b848b6df, the lockstep spec's `PlanningReport`-inlined `BlueprintSource` arm), for the
 * scripted planner's own edits and for the blocks an operator can put it in (admin API
 * `POST /__sim/nexus/block`, `sim:faults -- --nexus all --block KIND`), and the
 * `blueprint_planner` / `blueprint_executor` background task statuses (`BackgroundTask`).
 */
import type { Blueprint } from "~/lib/blueprint/model";
import type { Edit } from "~/lib/edits/types";
import { emptyReport } from "~/lib/nexus/testing/empty-report";

export const BLOCK_KINDS = [
  "missing-sled-inventory",
  "pending-mgs-update",
  "measurements",
  "unsafe-zones",
  "mupdate",
  "error",
  "target-refused",
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface PlannerBlock {
  kind: BlockKind;
  /** The sled it is about (default: the target's first active sled). */
  sledId?: string;
  /** `error`: the planner's error text; `target-refused`: why the target was refused. */
  message?: string;
}

type Json = Record<string, unknown>;

function step(r: Json, name: string): Json {
  return r[name] as Json;
}

/** The report of a planning run that made `edit` on `parent`. */
export function reportOfEdit(parent: Blueprint, edit: Edit): Json {
  const r = emptyReport();
  if (edit.kind === "expunge-zone") {
    for (const sled of parent.sleds) {
      const zone = sled.zones.find((z) => z.id === edit.zoneId);
      if (zone)
        step(r, "zone_updates").expunged_zones = {
          [sled.id]: [{ id: zone.id, kind: zone.zoneType.type }],
        };
    }
  } else if (edit.kind === "add-zone" && edit.zoneType === "crucible") {
    const sled = parent.sleds.find((s) => s.id === edit.sledId);
    const disk = sled?.disks.find((d) => edit.pool?.endsWith(d.poolId));
    step(r, "add").sleds_missing_crucible_zone = { [edit.sledId]: [disk?.poolId ?? edit.pool] };
  }
  return r;
}

const BOARD = { part_number: "913-0000019", serial_number: "SIM00000" };

/** The report of a planning run held back by `block` (what omicron's planner would print). */
export function blockedReport(parent: Blueprint, block: PlannerBlock): Json {
  const r = emptyReport();
  const active = parent.sleds.filter((s) => s.state === "active");
  const sled = block.sledId ?? active[0]?.id ?? "00000000-0000-0000-0000-000000000000";
  const serial = `SIM${String(
    Math.max(
      0,
      active.findIndex((s) => s.id === sled),
    ),
  ).padStart(5, "0")}`;
  const board = { ...BOARD, serial_number: serial };
  const zu = step(r, "zone_updates");
  switch (block.kind) {
    case "missing-sled-inventory":
      step(r, "noop_image_source").skipped_sled_zones = {
        [sled]: { type: "sled_not_in_inventory" },
      };
      step(r, "add").sleds_without_ntp_zones_in_inventory = [sled];
      r.measurement_updates = { type: "no_sled_agent_in_inventory", sled_id: sled };
      zu.waiting_on = { type: "inventory_propagation" };
      break;
    case "pending-mgs-update":
      step(r, "mgs_updates").pending_mgs_updates = {
        by_baseboard: [
          {
            baseboard_id: board,
            sp_type: "sled",
            slot_id: 0,
            artifact_hash: "5b0f601b1fbb8674db9c751a02f8b14f8e6d4e8470f4f7b686fecb2c49ec11f9",
            artifact_version: "1.0.1",
            details: {
              component: "sp",
              expected_active_version: "1.0.0",
              expected_inactive_version: { kind: "no_valid_version" },
            },
          },
        ],
      };
      zu.waiting_on = { type: "pending_mgs_updates" };
      break;
    case "measurements":
      r.measurement_updates = { type: "waiting_on_inventory" };
      zu.waiting_on = { type: "measurements" };
      break;
    case "unsafe-zones": {
      const dns = parent.sleds
        .find((s) => s.id === sled)
        ?.zones.find((z) => z.zoneType.type === "internal_dns" && z.disposition === "in_service");
      const zoneId = dns?.id ?? sled;
      const why = `${zoneId}: only 2/3 internal DNS zones are synchronized; require at least 3`;
      zu.unsafe_zones = {
        [zoneId]: { type: "internal_dns", total_internal_dns_zones: 3, synchronized_count: 2 },
      };
      step(r, "mgs_updates").blocked_mgs_updates = [
        {
          baseboard_id: board,
          reason: { type: "host_os", value: { type: "unsafe_zone_found", value: why } },
        },
      ];
      zu.waiting_on = { type: "blocked_mgs_updates" };
      break;
    }
    case "mupdate":
      Object.assign(step(r, "add"), {
        waiting_on: { type: "blockers" },
        add_update_blocked_reasons: [
          "current target release generation (2) is lower than minimum required by blueprint (3)",
        ],
      });
      zu.waiting_on = { type: "zone_add_blockers" };
      r.measurement_updates = { type: "blocked_add_update" };
      break;
    case "error":
    case "target-refused":
      break;
  }
  return r;
}

// ───────────────────────────── background tasks ─────────────────────────────

export interface TaskRun {
  iteration: number;
  startTime: string;
  elapsedMs: number;
  reason: "signaled" | "timeout" | "dependency";
  details: unknown;
}

export const BG_TASKS = {
  blueprint_planner: "Updates the target blueprint",
  blueprint_executor: "Executes the target blueprint",
} as const;
export type BgTaskName = keyof typeof BG_TASKS;
/** omicron's default periods (smf/nexus config: `blueprints.period_secs_*`). */
export const BG_TASK_PERIOD_MS: Record<BgTaskName, number> = {
  blueprint_planner: 60_000,
  blueprint_executor: 60_000,
};

/** `BackgroundTask` as `GET /bgtasks/view/{name}` serves it. */
export function bgTaskJson(name: BgTaskName, run: TaskRun | undefined): Json {
  const duration = (ms: number) => ({
    secs: Math.floor(ms / 1000),
    nanos: Math.round((ms % 1000) * 1e6),
  });
  return {
    name,
    description: BG_TASKS[name],
    period: duration(BG_TASK_PERIOD_MS[name]),
    current: { current_status: "idle" },
    last: run
      ? {
          last_result: "completed",
          details: {
            iteration: run.iteration,
            start_time: run.startTime,
            reason: run.reason,
            elapsed: duration(run.elapsedMs),
            details: run.details,
          },
        }
      : { last_result: "never_completed" },
  };
}
