/**
 * The simulated Nexus's part of the admin API (sim/admin.ts), under `/__sim/nexus`:
 *
 *   GET    /__sim/nexus                          instances, target, blueprints, executor pushes, faults
 *   POST   /__sim/nexus/:i|all/refuse  {forMs?}  stop listening (for a while)
 *   POST   /__sim/nexus/:i|all/accept            listen again
 *   POST   /__sim/nexus/:i|all/stale   {stale}   keep serving the state as of now (true) or live (false)
 *   POST   /__sim/nexus/:i|all/era     {era}     lockstep | jan-2025 | future
 *   POST   /__sim/nexus/plan                     one planning step now
 *   POST   /__sim/nexus/planner        {enabled} the reconfigurator config's planner_enabled
 *   POST   /__sim/nexus/block  {kind, sledId?, message?}  hold the planner back (see sim/nexus/reports.ts)
 *   DELETE /__sim/nexus/block                   plan again
 *   POST   /__sim/nexus/limit  {limit}          Nexus's blueprint limit (LimitReached at it)
 *   POST   /__sim/nexus/faults   {instance?: i|all, ...FaultSpec}   merge (PUT: replace)
 *   DELETE /__sim/nexus/faults[?instance=i]     clear (and reset hung requests)
 */
import { z } from "zod";
import { describeIssues } from "~/lib/wire/schemas";
import type { Targeted } from "../control";
import { ALL, faultSpecSchema } from "../fault-injector";
import { errorReply, type Reply } from "../http-util";
import type { NexusControl } from "./nexus";
import { BLOCK_KINDS } from "./reports";

const faultsBody = faultSpecSchema.extend({ instance: z.string().default(ALL) });
const actionBody = z
  .strictObject({
    forMs: z.number().min(0).optional(),
    stale: z.boolean().optional(),
    era: z.enum(["lockstep", "jan-2025", "future"]).optional(),
  })
  .default({});
const plannerBody = z.strictObject({ enabled: z.boolean() });
const blockBody = z.strictObject({
  kind: z.enum(BLOCK_KINDS),
  sledId: z.string().min(1).optional(),
  message: z.string().min(1).optional(),
});
const limitBody = z.strictObject({ limit: z.number().int().min(1) });

function done(t: Targeted, nexus: NexusControl, requestId: string): Reply {
  return t.ok
    ? { status: 200, body: nexus.summary() }
    : errorReply(404, "ObjectNotFound", t.message, requestId);
}

const bad = (e: z.ZodError, requestId: string) =>
  errorReply(400, "InvalidRequest", describeIssues(e), requestId);

export async function nexusAdminRoute(
  nexus: NexusControl | null,
  method: string,
  url: URL,
  parts: string[],
  body: unknown,
  requestId: string,
): Promise<Reply> {
  if (!nexus) return errorReply(404, null, "this simulated rack has no Nexus", requestId);
  const [, , a, b] = parts;
  if (a === undefined && method === "GET") return { status: 200, body: nexus.summary() };
  if (a === "faults") return faults(nexus, method, url, body, requestId);
  if (a === "block" && b === undefined && method === "DELETE") {
    nexus.setBlock(null);
    return { status: 200, body: nexus.summary() };
  }
  if (method !== "POST") return errorReply(404, null, "Not Found", requestId);
  if (a === "block" && b === undefined) {
    const p = blockBody.safeParse(body);
    if (!p.success) return bad(p.error, requestId);
    nexus.setBlock(p.data);
    return { status: 200, body: nexus.summary() };
  }
  if (a === "limit" && b === undefined) {
    const p = limitBody.safeParse(body);
    if (!p.success) return bad(p.error, requestId);
    nexus.setBlueprintLimit(p.data.limit);
    return { status: 200, body: nexus.summary() };
  }
  if (a === "plan" && b === undefined)
    return { status: 200, body: { blueprintId: nexus.plan(), ...nexus.summary() } };
  if (a === "planner" && b === undefined) {
    const p = plannerBody.safeParse(body);
    if (!p.success) return bad(p.error, requestId);
    nexus.setPlannerEnabled(p.data.enabled);
    return { status: 200, body: nexus.summary() };
  }
  if (a === undefined || b === undefined) return errorReply(404, null, "Not Found", requestId);
  const p = actionBody.safeParse(body);
  if (!p.success) return bad(p.error, requestId);
  const { forMs, stale, era } = p.data;
  const ops: Record<string, () => Promise<Targeted> | null> = {
    refuse: () => nexus.refuse(a, forMs),
    accept: () => nexus.accept(a),
    stale: () => nexus.setStale(a, stale ?? true),
    era: () => (era ? nexus.setEra(a, era) : null),
  };
  const op = ops[b]?.();
  if (!op) return errorReply(404, null, `no action ${b} (or a missing field)`, requestId);
  return done(await op, nexus, requestId);
}

function faults(
  nexus: NexusControl,
  method: string,
  url: URL,
  body: unknown,
  requestId: string,
): Reply {
  if (method === "GET") return { status: 200, body: nexus.summary().faults };
  if (method === "DELETE")
    return done(nexus.clearFaults(url.searchParams.get("instance") ?? ALL), nexus, requestId);
  if (method !== "POST" && method !== "PUT")
    return errorReply(405, null, "Method Not Allowed", requestId);
  const p = faultsBody.safeParse(body);
  if (!p.success) return bad(p.error, requestId);
  const { instance, ...spec } = p.data;
  return done(
    nexus.setFaults(instance, spec, method === "PUT" ? "replace" : "merge"),
    nexus,
    requestId,
  );
}
