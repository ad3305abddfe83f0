/** blueprint.diff: the lib diff of two stored blueprints, with the omicron-style text. */
import { diffBlueprints } from "~/lib/diff/diff-blueprints.ts";
import { renderDiffText } from "~/lib/diff/render-text.ts";
import type { DiffSummary } from "~/lib/diff/types.ts";
import type { SledDiffDto } from "../dto/plan.ts";
import { getBlueprintWithModel } from "../repo/blueprints.ts";
import { notFound, ok, type Result } from "./result.ts";

export interface DiffView {
  /** The target's rack (a diff may compare blueprints of two racks; the target's is shown). */
  rackId: string;
  parentId: string;
  targetId: string;
  summary: DiffSummary;
  sleds: SledDiffDto[];
  text: string;
}

export async function diffStoredBlueprints(
  parentId: string,
  targetId: string,
): Promise<Result<DiffView>> {
  const [parent, target] = await Promise.all([
    getBlueprintWithModel(parentId),
    getBlueprintWithModel(targetId),
  ]);
  if (!parent) return notFound(`blueprint ${parentId}`);
  if (!target) return notFound(`blueprint ${targetId}`);
  const diff = diffBlueprints(parent.model, target.model);
  // The whole sled configs would double the answer; every item diff carries its own versions.
  const sleds = diff.sleds.map(({ before: _before, after: _after, ...rest }) => rest);
  return ok({
    rackId: target.record.rackId,
    parentId,
    targetId,
    summary: diff.summary,
    sleds,
    text: renderDiffText(diff),
  });
}
