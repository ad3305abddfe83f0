/**
 * Linking a rack to its Nexus instances (issue 14) and what the console knows of them.
 * Polling itself is server/nexus/poller.ts.
 */
import type { SessionUser } from "../auth/roles.ts";
import type { RackNexusDto } from "../dto/nexus.ts";
import { recordAudit } from "../repo/audit.ts";
import {
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
import { NotFoundError } from "./blueprints.ts";

export type SetNexusResult = { ok: true; urls: string[] } | { ok: false; message: string };

/** A lockstep base URL: http(s), a host, no credentials, query or fragment; no trailing slash. */
export function checkNexusUrls(urls: readonly string[]): SetNexusResult {
  const out: string[] = [];
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return {
        ok: false,
        message: `"${raw}" is not a URL; give the lockstep base URL, e.g. http://[fd00:1122:3344:101::3]:12232`,
      };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return { ok: false, message: `a Nexus URL must be http:// or https://, not ${url.protocol}` };
    if (url.username || url.password || url.search || url.hash)
      return {
        ok: false,
        message: "a Nexus URL must be a plain base URL (no credentials, query or fragment)",
      };
    const clean = raw.trim().replace(/\/+$/, "");
    if (!out.includes(clean)) out.push(clean);
  }
  return { ok: true, urls: out };
}

export async function setNexus(
  user: SessionUser,
  input: { rackId: string; urls: readonly string[] },
): Promise<SetNexusResult> {
  const rack = await getRack(input.rackId);
  if (!rack) throw new NotFoundError(`rack ${input.rackId} not found`);
  const checked = checkNexusUrls(input.urls);
  if (!checked.ok) return checked;
  await setNexusInstances(rack.id, checked.urls);
  await recordAudit(user, "rack.set-nexus", { rackId: rack.id, urls: checked.urls });
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
  const rows = await listTargetHistory(
    rackId,
    limit,
    before === undefined ? undefined : BigInt(before),
  );
  const last = rows.at(-1);
  return {
    entries: rows.map((r) => ({
      id: r.id.toString(),
      blueprintId: r.blueprintId,
      enabled: r.enabled,
      timeMadeTarget: r.timeMadeTarget.toISOString(),
      reportedBy: r.reportedBy,
      observedAt: r.observedAt.toISOString(),
    })),
    nextBefore: rows.length === limit && last ? last.id.toString() : null,
  };
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
  const [rows, pruned] = await Promise.all([listRawBlueprints(rackId), prunedBlueprintIds(rackId)]);
  return rows.map((r) => rawSummary(r, pruned.has(r.id)));
}

export async function getRawWithSummary(id: string) {
  const r = await getRawBlueprint(id);
  if (!r) return null;
  const pruned = await prunedBlueprintIds(r.rackId);
  return { blueprint: rawSummary(r, pruned.has(r.id)), raw: r.raw };
}
