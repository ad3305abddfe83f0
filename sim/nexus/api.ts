/**
 * The simulated Nexus's lockstep API (openapi/nexus-lockstep.json, the `/deployment/…`
 * paths), answering from a NexusState in one of three eras:
 *
 * - `lockstep`: today's bodies (`Blueprint` with `sleds`, metadata with `source` and
 *   `nexus_generation`, reconfigurator config and update status);
 * - `jan-2025`: January 2025's nexus-internal bodies (`sled_state`, `blueprint_zones`, …;
 *   no reconfigurator config or update status: those paths answer 404);
 * - `future`: an era no console knows yet (blueprint sleds under another key), so a client's
 *   failing closed can be tested.
 */
import { toOmicronJson } from "~/lib/blueprint/export";
import { toJan2025Json } from "~/lib/blueprint/export-jan2025";
import { parseBlueprint } from "~/lib/blueprint/import";
import { blueprintTargetSetSchema } from "~/lib/nexus/schemas";
import { describeIssues } from "~/lib/wire/schemas";
import { errorReply, type Reply } from "../http-util";
import { BG_TASKS, bgTaskJson, type BgTaskName } from "./reports";
import type { NexusState, Outcome, SimTarget, StoredBlueprint } from "./state";

export type NexusEra = "lockstep" | "jan-2025" | "future";

/** dropshot's default page size. */
const DEFAULT_LIMIT = 100;

export interface ApiContext {
  state: NexusState;
  era: NexusEra;
  now: () => Date;
  /** A target change or import: wake the executor. */
  onChange?: () => void;
}

const targetJson = (t: SimTarget) => ({
  target_id: t.targetId,
  enabled: t.enabled,
  time_made_target: t.timeMadeTarget,
});

/** Nexus reads planner blueprints back from its database without their report. */
const wireSource = (source: string) =>
  source === "planner" ? "planner_loaded_from_database" : source;

export function metadataJson(s: StoredBlueprint, era: NexusEra): Record<string, unknown> {
  const bp = s.blueprint;
  const common = {
    id: bp.id,
    parent_blueprint_id: bp.parentId,
    internal_dns_version: 1,
    external_dns_version: 1,
    cockroachdb_fingerprint: "",
    cockroachdb_setting_preserve_downgrade: { action: "do_not_modify" },
    time_created: bp.timeCreated ?? "1970-01-01T00:00:00Z",
    creator: bp.creator ?? "",
    comment: bp.comment ?? "",
  };
  if (era === "jan-2025") return common;
  return {
    ...common,
    external_networking_generation: 1,
    nexus_generation: 1,
    target_release_minimum_generation: 1,
    source: { source: wireSource(s.source) },
  };
}

export function blueprintJson(s: StoredBlueprint, era: NexusEra): Record<string, unknown> {
  if (era === "jan-2025") return toJan2025Json(s.blueprint);
  // The simulated planner's blueprints keep their report (issue 19), as `POST
  // /deployment/blueprints/regenerate` serves a fresh one: `{"source": "planner", ...report}`.
  const source =
    s.source === "planner" && s.report
      ? { source: "planner", ...s.report }
      : { source: wireSource(s.source) };
  const json: Record<string, unknown> = { ...toOmicronJson(s.blueprint), source };
  if (era === "lockstep") return json;
  const { sleds, ...rest } = json;
  return { ...rest, sled_configs: sleds }; // "future": renamed, so no reader of today knows it
}

function outcome<T>(o: Outcome<T>, ok: (v: T) => Reply, requestId: string): Reply {
  return o.ok ? ok(o.value) : errorReply(o.status, o.code, o.message, requestId);
}

function listPage(ctx: ApiContext, query: URLSearchParams, requestId: string): Reply {
  const limit = Number(query.get("limit") ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1)
    return errorReply(400, null, "unable to parse query string: limit", requestId);
  const token = query.get("page_token");
  let after: string | null = null;
  if (token) {
    try {
      after = (JSON.parse(Buffer.from(token, "base64url").toString()) as { last: string }).last;
    } catch {
      return errorReply(400, null, "unable to parse page token", requestId);
    }
  }
  const sorted = [...ctx.state.blueprints.values()].sort((a, b) =>
    a.blueprint.id < b.blueprint.id ? -1 : 1,
  );
  const rest = after === null ? sorted : sorted.filter((s) => s.blueprint.id > after);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  const next_page =
    page.length === limit && last
      ? Buffer.from(JSON.stringify({ last: last.blueprint.id })).toString("base64url")
      : null;
  return { status: 200, body: { items: page.map((s) => metadataJson(s, ctx.era)), next_page } };
}

export function handleNexus(
  ctx: ApiContext,
  method: string,
  url: URL,
  body: unknown,
  requestId: string,
): Reply {
  const path = url.pathname.replace(/\/+$/, "");
  const s = ctx.state;
  const notFound = () => errorReply(404, null, "Not Found", requestId);
  const lockstepOnly = ctx.era === "jan-2025";
  if (path === "/deployment/blueprints/all" && method === "GET")
    return listPage(ctx, url.searchParams, requestId);
  const one = /^\/deployment\/blueprints\/all\/([^/]+)$/.exec(path)?.[1];
  if (one !== undefined) {
    if (method === "GET") {
      const found = s.blueprints.get(one);
      return found
        ? { status: 200, body: blueprintJson(found, ctx.era) }
        : errorReply(404, "ObjectNotFound", `not found: blueprint with id "${one}"`, requestId);
    }
    if (method === "DELETE") return outcome(s.delete(one), () => ({ status: 204 }), requestId);
    return errorReply(405, null, "Method Not Allowed", requestId);
  }
  if (path === "/deployment/blueprints/target") {
    if (method === "GET")
      return s.target
        ? { status: 200, body: targetJson(s.target) }
        : errorReply(404, "ObjectNotFound", "no target blueprint", requestId);
    if (method === "POST") return setTarget(ctx, body, requestId, "target");
  }
  if (path === "/deployment/blueprints/target/enabled" && method === "PUT")
    return setTarget(ctx, body, requestId, "enabled");
  if (path === "/deployment/blueprints/import" && method === "POST")
    return importOne(ctx, body, requestId);
  if (path === "/deployment/reconfigurator-config" && method === "GET" && !lockstepOnly)
    return {
      status: 200,
      body: {
        version: s.configVersion,
        time_modified: s.configModified,
        config: {
          planner_enabled: s.plannerEnabled,
          tuf_repo_pruner_enabled: true,
          disruption_policy: "terminate",
          planner_config: {},
        },
      },
    };
  if (path === "/deployment/update-status" && method === "GET" && !lockstepOnly)
    return { status: 200, body: { mgs_driven: [], sleds: [] } };
  const bgtask = bgTasks(ctx, method, path, requestId);
  if (bgtask) return bgtask;
  return notFound();
}

function setTarget(
  ctx: ApiContext,
  body: unknown,
  requestId: string,
  which: "target" | "enabled",
): Reply {
  const parsed = blueprintTargetSetSchema.safeParse(body);
  if (!parsed.success)
    return errorReply(
      400,
      null,
      `unable to parse JSON body: ${describeIssues(parsed.error)}`,
      requestId,
    );
  const { target_id, enabled } = parsed.data;
  const r =
    which === "target"
      ? ctx.state.setTarget(target_id, enabled, ctx.now())
      : ctx.state.setEnabled(target_id, enabled, ctx.now());
  if (r.ok) ctx.onChange?.();
  return outcome(r, (t) => ({ status: 200, body: targetJson(t) }), requestId);
}

function importOne(ctx: ApiContext, body: unknown, requestId: string): Reply {
  const r = parseBlueprint(body);
  if (!r.ok)
    return errorReply(
      400,
      null,
      `unable to parse JSON body: ${r.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
      requestId,
    );
  const tag = (body as { source?: { source?: unknown } }).source?.source;
  const added = ctx.state.add(
    r.blueprint,
    typeof tag === "string" ? tag : "reconfigurator_cli_edit",
  );
  return outcome(added, () => ({ status: 204 }), requestId);
}

/** `GET /bgtasks` and `GET /bgtasks/view/{name}`: the planner and executor tasks (issue 19). */
function bgTasks(ctx: ApiContext, method: string, path: string, requestId: string): Reply | null {
  if (method !== "GET" || ctx.era === "jan-2025") return null;
  const names = Object.keys(BG_TASKS) as BgTaskName[];
  if (path === "/bgtasks")
    return {
      status: 200,
      body: Object.fromEntries(names.map((n) => [n, bgTaskJson(n, ctx.state.tasks.get(n))])),
    };
  const name = /^\/bgtasks\/view\/([^/]+)$/.exec(path)?.[1];
  if (name === undefined) return null;
  const known = names.find((n) => n === name);
  return known
    ? { status: 200, body: bgTaskJson(known, ctx.state.tasks.get(known)) }
    : errorReply(404, "ObjectNotFound", `not found: background task "${name}"`, requestId);
}
