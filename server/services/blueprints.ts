/**
 * Storing blueprints: import (parse + validate, nothing stored when invalid) and child
 * creation (apply edits to a stored parent). A missing rack or parent is a failed result
 * (./result.ts); invalid input and duplicates are successful answers that say so
 * (StoreResultDto: the client shows them as findings, nothing is stored).
 */
import { parseBlueprint } from "~/lib/blueprint/import.ts";
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { validateBlueprint } from "~/lib/blueprint/validate.ts";
import { applyEdits, describeEdit } from "~/lib/edits/apply.ts";
import type { Edit } from "~/lib/edits/types.ts";
import { countBlueprint } from "~/lib/rack/counts.ts";
import type { SessionUser } from "../auth/roles.ts";
import { toSummaryDto, type StoreResultDto } from "../dto/blueprint.ts";
import { id } from "../dto/id.ts";
import { recordAudit } from "../repo/audit.ts";
import {
  getBlueprintWithModel,
  insertBlueprint,
  type BlueprintSource,
} from "../repo/blueprints.ts";
import { getRack, setCurrentBlueprintIfUnset } from "../repo/racks.ts";
import { notFound, ok, type Result } from "./result.ts";

interface StoreInput {
  rackId: string;
  model: Blueprint;
  source: BlueprintSource;
  creator: string;
  comment: string;
}

/** Validates and inserts; a rack without a current blueprint gets this one. */
export async function storeBlueprint(input: StoreInput): Promise<StoreResultDto> {
  const findings = validateBlueprint(input.model);
  if (findings.some((f) => f.severity === "error"))
    return { ok: false, reason: "invalid", errors: [], findings };
  // omicron's time_created when the input has one; else the moment the console stored it.
  const timeCreated = input.model.timeCreated ?? new Date().toISOString();
  const model: Blueprint = { ...input.model, timeCreated };
  const inserted = await insertBlueprint({
    ...input,
    model,
    timeCreated: new Date(timeCreated),
    counts: countBlueprint(model),
  });
  if (!inserted.ok) {
    const { id, rackId } = inserted.existing;
    const where = rackId === input.rackId ? "this rack" : `rack ${rackId}`;
    return {
      ok: false,
      reason: "duplicate",
      message: `Blueprint ${id} is already stored (in ${where}); stored blueprints never change.`,
      existingId: id,
      existingRackId: rackId,
    };
  }
  const madeCurrent = await setCurrentBlueprintIfUnset(input.rackId, model.id);
  const rack = await getRack(input.rackId);
  const currentId = rack?.currentBlueprintId ?? null;
  return {
    ok: true,
    blueprint: toSummaryDto(inserted.record, madeCurrent ? model.id : currentId),
    warnings: findings,
  };
}

// The importer keeps ids as it finds them; a stored blueprint must be one the API can name
// (server/dto/id.ts), which Postgres' uuid type alone would not ensure.
const isId = (s: string) => id.safeParse(s).success;

function idErrors(bp: Blueprint): { path: string; message: string }[] {
  const errors = [];
  if (!isId(bp.id))
    errors.push({
      path: "id",
      message: `Expected the blueprint id to be a uuid, found "${bp.id}".`,
    });
  if (bp.parentId !== null && !isId(bp.parentId)) {
    errors.push({
      path: "parent_blueprint_id",
      message: `Expected the parent blueprint id to be a uuid or null, found "${bp.parentId}".`,
    });
  }
  return errors;
}

export async function importBlueprint(
  user: SessionUser,
  rackId: string,
  json: unknown,
  comment: string | undefined,
): Promise<Result<StoreResultDto>> {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const parsed = parseBlueprint(json);
  if (!parsed.ok) return ok({ ok: false, reason: "invalid", errors: parsed.errors, findings: [] });
  const bp = parsed.blueprint;
  const badIds = idErrors(bp);
  if (badIds.length) return ok({ ok: false, reason: "invalid", errors: badIds, findings: [] });
  const result = await storeBlueprint({
    rackId,
    model: bp,
    source: "import",
    creator: bp.creator ?? user.name,
    comment: comment ?? bp.comment ?? "",
  });
  if (result.ok)
    await recordAudit(user, "blueprint.import", {
      rackId,
      blueprintId: bp.id,
      format: parsed.format,
      counts: { ...result.blueprint.counts },
    });
  return ok(result);
}

export async function createChildBlueprint(
  user: SessionUser,
  parentId: string,
  edits: Edit[],
  comment: string | undefined,
): Promise<Result<StoreResultDto>> {
  const parent = await getBlueprintWithModel(parentId);
  if (!parent) return notFound(`blueprint ${parentId}`);
  const edited = applyEdits(parent.model, edits, { creator: user.name, comment });
  if (!edited.ok) return ok({ ok: false, reason: "edit-failed", message: edited.error });
  const child = edited.blueprint;
  const result = await storeBlueprint({
    rackId: parent.record.rackId,
    model: child,
    source: "edit",
    creator: user.name,
    comment: child.comment ?? "",
  });
  if (result.ok)
    await recordAudit(user, "blueprint.create-child", {
      rackId: parent.record.rackId,
      parentId,
      blueprintId: child.id,
      edits: edits.map(describeEdit),
    });
  return ok(result);
}
