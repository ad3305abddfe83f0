/**
 * One poll round of a linked rack: read every instance (in parallel), fetch each blueprint
 * no stored row has yet (once, from an instance that listed it), append every target an
 * instance reports to the history (once per change, by its unique key), move the rack's
 * current blueprint to the newest target, record each instance's state, and mark Nexus
 * blueprints that no instance lists any more as pruned. Every write is idempotent, so a round
 * cut short (a killed console) is simply done again by the next one.
 */
import { readNexusBlueprint, rawBlueprintFacts, type NexusEra } from "~/lib/nexus/read.ts";
import {
  appendTargetChange,
  followTarget,
  insertRawBlueprint,
  markPruned,
  nexusBlueprintIds,
  rawBlueprintEras,
  recordInstancePoll,
  setLinkPlannerEnabled,
  storedBlueprintIds,
} from "../repo/nexus.ts";
import { storeBlueprint } from "../services/blueprints.ts";
import type { NexusClient } from "./client.ts";
import { storeSourceReport, storeStatusReport } from "./planning-reports.ts";
import { readInstance, type InstanceRead } from "./read-instance.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RoundResult {
  instances: InstanceRead[];
  fetched: string[];
  storedRaw: string[];
  newTargets: number;
  /** Planning reports this round stored for the first time. */
  newReports: number;
}

/** Stores one fetched body: read → a Blueprint row (source nexus); unreadable → raw. */
async function storeFetched(rackId: string, id: string, body: unknown): Promise<"read" | "raw"> {
  const read = readNexusBlueprint(body, id);
  const parent = rawBlueprintFacts(body).parentId;
  await storeSourceReport(rackId, id, parent && UUID.test(parent) ? parent : null, body);
  if (read.ok && (read.blueprint.parentId === null || UUID.test(read.blueprint.parentId))) {
    const bp = read.blueprint;
    const r = await storeBlueprint({
      rackId,
      model: bp,
      source: "nexus",
      creator: bp.creator ?? "nexus",
      comment: bp.comment ?? "",
    });
    if (r.ok || r.reason === "duplicate") return "read";
    const issues =
      r.reason === "invalid"
        ? [
            ...r.errors,
            ...r.findings
              .filter((f) => f.severity === "error")
              .map((f) => ({ path: f.code, message: f.message })),
          ]
        : [{ path: "(root)", message: r.message }];
    await storeRaw(rackId, id, body, read.era, issues);
    return "raw";
  }
  const issues = read.ok ? [{ path: "parent_blueprint_id", message: "not a uuid" }] : read.issues;
  await storeRaw(rackId, id, body, read.era, issues);
  return "raw";
}

async function storeRaw(
  rackId: string,
  id: string,
  body: unknown,
  era: NexusEra,
  issues: { path: string; message: string }[],
): Promise<void> {
  const facts = rawBlueprintFacts(body);
  const time = facts.timeCreated ? new Date(facts.timeCreated) : null;
  await insertRawBlueprint({
    id,
    rackId,
    parentId: facts.parentId && UUID.test(facts.parentId) ? facts.parentId : null,
    raw: body,
    issues,
    era,
    comment: facts.comment,
    timeCreated: time && !Number.isNaN(time.getTime()) ? time : null,
  });
}

/** Fetches the unstored ids, each from the first instance listing it that answers. */
async function fetchNew(
  rackId: string,
  reads: InstanceRead[],
  clients: Map<string, NexusClient>,
): Promise<{ fetched: string[]; raw: string[]; unknownEra: Set<string> }> {
  const listedBy = new Map<string, string[]>();
  for (const r of reads)
    for (const item of r.items ?? [])
      listedBy.set(item.id, [...(listedBy.get(item.id) ?? []), r.url]);
  const stored = await storedBlueprintIds([...listedBy.keys()]);
  const fetched: string[] = [];
  const raw: string[] = [];
  const unknownEra = new Set<string>();
  for (const [id, urls] of listedBy) {
    if (stored.has(id)) continue;
    for (const url of urls) {
      const r = await clients.get(url)?.getBlueprint(id);
      if (!r?.ok) continue;
      fetched.push(id);
      if ((await storeFetched(rackId, id, r.body)) === "raw") {
        raw.push(id);
        if (readNexusBlueprint(r.body, id).era === "unknown") unknownEra.add(url);
      }
      break;
    }
  }
  return { fetched, raw, unknownEra };
}

export async function pollRack(
  rackId: string,
  clients: Map<string, NexusClient>,
): Promise<RoundResult> {
  const reads = await Promise.all([...clients.values()].map((c) => readInstance(c)));
  const { fetched, raw, unknownEra } = await fetchNew(rackId, reads, clients);
  const targets = reads
    .filter((r) => r.target)
    .sort(
      (a, b) =>
        Date.parse(a.target?.time_made_target ?? "") - Date.parse(b.target?.time_made_target ?? ""),
    );
  let newTargets = 0;
  for (const r of targets) {
    const t = r.target;
    if (!t) continue;
    const change = {
      blueprintId: t.target_id,
      enabled: t.enabled,
      timeMadeTarget: new Date(t.time_made_target),
    };
    if (await appendTargetChange(rackId, change, r.url)) newTargets++;
  }
  const newest = targets.at(-1)?.target;
  if (newest) await followTarget(rackId, newest.target_id);
  // An instance whose target is a blueprint in an unknown era speaks that era, also in later rounds.
  const rawEras = await rawBlueprintEras(
    reads.flatMap((r) => (r.target ? [r.target.target_id] : [])),
  );
  for (const r of reads) {
    const unknown =
      unknownEra.has(r.url) || (r.target !== null && rawEras.get(r.target.target_id) === "unknown");
    await recordInstancePoll(rackId, r.url, {
      reachable: r.reachable,
      error: unknown
        ? "answers in an unknown era: its blueprints could not be read (stored raw)"
        : r.error,
      era: unknown ? "unknown" : r.era,
      target: r.target
        ? {
            blueprintId: r.target.target_id,
            enabled: r.target.enabled,
            timeMadeTarget: new Date(r.target.time_made_target),
          }
        : null,
      plannerEnabled: r.plannerEnabled,
      updateStatus: r.updateStatus,
      plannerTask: r.plannerTask,
      executorTask: r.executorTask,
    });
  }
  let newReports = 0;
  for (const r of reads)
    if (r.plannerTask && (await storeStatusReport(rackId, r.url, r.plannerTask))) newReports++;
  const planner = reads.find((r) => r.plannerEnabled !== null)?.plannerEnabled;
  if (planner !== undefined && planner !== null) await setLinkPlannerEnabled(rackId, planner);
  await markVanished(rackId, reads);
  return { instances: reads, fetched, storedRaw: raw, newTargets, newReports };
}

/**
 * Pruned: a Nexus blueprint that no instance that answered lists. Only judged when every
 * instance answered its list, so an instance that is down cannot make blueprints look gone.
 */
async function markVanished(rackId: string, reads: InstanceRead[]): Promise<void> {
  if (reads.length === 0 || reads.some((r) => r.items === null)) return;
  const listed = new Set(reads.flatMap((r) => (r.items ?? []).map((i) => i.id)));
  const gone = (await nexusBlueprintIds(rackId)).filter((id) => !listed.has(id));
  await markPruned(rackId, gone);
}
