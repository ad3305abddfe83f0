/**
 * Keeping Nexus's planning reports (issue 19): the one in each instance's `blueprint_planner`
 * status (every variant that has one; `Unchanged` too, which omicron never saves) and the one
 * inlined in a fetched blueprint's `source`. A report is keyed by its content (sha256 of its
 * canonical JSON, so the same report from two instances or two console processes is one row)
 * and the blueprint it was planned from.
 */
import { createHash } from "node:crypto";
import {
  readPlannerStatus,
  type BgTaskRun,
  type PlannerStatusKind,
} from "~/lib/nexus/planner-report.ts";
import { canonicalJson } from "~/lib/util/canonical-json.ts";
import { recordPlanningReport } from "../repo/nexus.ts";

/** The report without a blueprint source's `source` tag: the same report hashes the same. */
function bareReport(report: object): Record<string, unknown> {
  const { source: _tag, ...rest } = report as Record<string, unknown>;
  return rest;
}

export function reportHash(report: object): string {
  return createHash("sha256")
    .update(canonicalJson(bareReport(report)))
    .digest("hex");
}

const OUTCOME: Partial<Record<PlannerStatusKind, string>> = {
  targeted: "targeted",
  unchanged: "unchanged",
  planned: "planned",
  limit_reached: "limit_reached",
};

/** Stores the report of a planner task run, if it has one; true when it was new. */
export async function storeStatusReport(
  rackId: string,
  reportedBy: string,
  run: BgTaskRun,
): Promise<boolean> {
  const s = readPlannerStatus(run.details);
  const outcome = OUTCOME[s.kind];
  if (!outcome || !("report" in s)) return false;
  const raw = s.report.raw;
  if (typeof raw !== "object" || raw === null) return false;
  const planned = new Date(run.startTime);
  return recordPlanningReport({
    rackId,
    parentBlueprintId: "parentBlueprintId" in s ? s.parentBlueprintId : "",
    contentHash: reportHash(raw),
    blueprintId: s.kind === "targeted" ? s.blueprintId : null,
    outcome,
    plannerError: s.kind === "planned" ? s.error : null,
    report: bareReport(raw),
    reportedBy,
    plannedAt: Number.isNaN(planned.getTime()) ? null : planned,
  });
}

/** Stores the report a fetched blueprint's `source` carries (tag `planner`), if any. */
export async function storeSourceReport(
  rackId: string,
  blueprintId: string,
  parentId: string | null,
  body: unknown,
): Promise<boolean> {
  const source = (body as { source?: unknown } | null)?.source;
  if (typeof source !== "object" || source === null) return false;
  if ((source as { source?: unknown }).source !== "planner") return false;
  return recordPlanningReport({
    rackId,
    parentBlueprintId: parentId ?? "",
    contentHash: reportHash(source),
    blueprintId,
    outcome: "blueprint",
    plannerError: null,
    report: bareReport(source),
    reportedBy: "blueprint",
    plannedAt: null,
  });
}
