/**
 * Linking a rack to its Nexus instances (issue 14) and what the console knows of them.
 * Polling itself is server/nexus/poller.ts.
 */
import type { SessionUser } from "../auth/roles.ts";
import type { RackNexusDto } from "../dto/nexus.ts";
import { recordAudit } from "../repo/audit.ts";
import {
  blueprintParents,
  getNexusLink,
  getRawBlueprint,
  listNexusInstances,
  listRawBlueprints,
  listTargetHistory,
  prunedBlueprintIds,
  setNexusInstances,
  type RawBlueprintRecord,
} from "../repo/nexus.ts";
import { getRack } from "../repo/racks.ts";
import { fail, notFound, ok, type Result } from "./result.ts";

/** A lockstep base URL: http(s), a host, no credentials, query or fragment; no trailing slash. */
export function checkNexusUrls(urls: readonly string[]): Result<string[]> {
  const out: string[] = [];
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail(
        "BAD_REQUEST",
        `"${raw}" is not a URL; give the lockstep base URL, e.g. http://[fd00:1122:3344:101::3]:12232`,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return fail("BAD_REQUEST", `a Nexus URL must be http:// or https://, not ${url.protocol}`);
    if (url.username || url.password || url.search || url.hash)
      return fail(
        "BAD_REQUEST",
        "a Nexus URL must be a plain base URL (no credentials, query or fragment)",
      );
    const clean = raw.trim().replace(/\/+$/, "");
    if (!out.includes(clean)) out.push(clean);
  }
  return ok(out);
}

export async function setNexus(
  user: SessionUser,
  input: { rackId: string; urls: readonly string[] },
): Promise<Result<string[]>> {
  const rack = await getRack(input.rackId);
  if (!rack) return notFound(`rack ${input.rackId}`);
  const checked = checkNexusUrls(input.urls);
  if (!checked.ok) return checked;
  await setNexusInstances(rack.id, checked.value);
  await recordAudit(user, "rack.set-nexus", { rackId: rack.id, urls: checked.value });
  return checked;
}

export async function rackNexus(rackId: string): Promise<RackNexusDto> {
  const [instances, link] = await Promise.all([listNexusInstances(rackId), getNexusLink(rackId)]);
  const targets = instances.flatMap((i) => (i.target ? [i.target] : []));
  const newest = targets.sort((a, b) => b.timeMadeTarget.getTime() - a.timeMadeTarget.getTime())[0];
  const key = (t: (typeof targets)[number]) =>
    `${t.blueprintId}/${t.enabled}/${t.timeMadeTarget.getTime()}`;
  const reported = new Set(
    instances.filter((i) => i.reachable && i.target).map((i) => key(i.target!)),
  );
  return {
    instances: instances.map((i) => ({
      url: i.url,
      reachable: i.reachable,
      lastPolledAt: i.lastPolledAt?.toISOString() ?? null,
      ...(i.error !== null && { error: i.error }),
      era: i.era,
      target: i.target && { ...i.target, timeMadeTarget: i.target.timeMadeTarget.toISOString() },
    })),
    target: newest ? { ...newest, timeMadeTarget: newest.timeMadeTarget.toISOString() } : null,
    plannerEnabled: link?.plannerEnabled ?? null,
    disagreement: reported.size > 1,
  };
}

export async function targetHistoryPage(rackId: string, limit: number, before?: string) {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const rows = await listTargetHistory(
    rackId,
    limit,
    before === undefined ? undefined : BigInt(before),
  );
  const last = rows.at(-1);
  const parents = await blueprintParents([...new Set(rows.map((r) => r.blueprintId))]);
  return ok({
    entries: rows.map((r) => ({
      id: r.id.toString(),
      blueprintId: r.blueprintId,
      enabled: r.enabled,
      timeMadeTarget: r.timeMadeTarget.toISOString(),
      reportedBy: r.reportedBy,
      observedAt: r.observedAt.toISOString(),
      parentId: parents.get(r.blueprintId)?.parentId ?? null,
      raw: parents.get(r.blueprintId)?.raw ?? false,
    })),
    nextBefore: rows.length === limit && last ? last.id.toString() : null,
  });
}

function rawSummary(r: RawBlueprintRecord, pruned: boolean) {
  return {
    id: r.id,
    rackId: r.rackId,
    parentId: r.parentId,
    era: r.era,
    comment: r.comment,
    timeCreated: r.timeCreated?.toISOString() ?? null,
    fetchedAt: r.fetchedAt.toISOString(),
    issues: r.issues,
    pruned,
  };
}

export async function listRawSummaries(rackId: string) {
  if (!(await getRack(rackId))) return notFound(`rack ${rackId}`);
  const [rows, pruned] = await Promise.all([listRawBlueprints(rackId), prunedBlueprintIds(rackId)]);
  return ok(rows.map((r) => rawSummary(r, pruned.has(r.id))));
}

export async function getRawWithSummary(id: string) {
  const r = await getRawBlueprint(id);
  if (!r) return notFound(`raw blueprint ${id}`);
  const pruned = await prunedBlueprintIds(r.rackId);
  return ok({ blueprint: rawSummary(r, pruned.has(r.id)), raw: r.raw });
}
