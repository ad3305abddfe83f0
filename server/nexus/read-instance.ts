/**
 * One poll of one Nexus instance: every page of the blueprint list, the target, and (today's
 * era) the reconfigurator config and update status. Never throws: a failure, or an answer in
 * an era the console does not know, comes back in the result, so one bad instance never stops
 * the poller from reading the others.
 */
import type { ImportError } from "~/lib/blueprint/issues.ts";
import {
  eraOfMetadata,
  readBlueprintPage,
  readReconfiguratorConfig,
  readTarget,
  readUpdateStatus,
  type NexusEra,
} from "~/lib/nexus/read.ts";
import { readBgTask, type BgTaskRun } from "~/lib/nexus/planner-report.ts";
import type { BlueprintMetadata, NexusBlueprintTarget } from "~/lib/nexus/schemas.ts";
import type { CallResult, NexusClient } from "./client.ts";

/** A Nexus with more pages than this is answering nonsense (100 per page: 100,000 blueprints). */
const MAX_PAGES = 1000;

export interface InstanceRead {
  url: string;
  /** null: the instance could not be read (see `error`). */
  items: BlueprintMetadata[] | null;
  target: NexusBlueprintTarget | null;
  plannerEnabled: boolean | null;
  updateStatus: unknown;
  /** The last completed run of each task; null: never completed; undefined: not read. */
  plannerTask?: BgTaskRun | null;
  executorTask?: BgTaskRun | null;
  era: NexusEra | null;
  reachable: boolean;
  error: string | null;
}

const unreadable = (what: string, issues: ImportError[]) =>
  `${what} in an unknown era: ${issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ")}`;

type Step<T> = { ok: true; value: T } | { ok: false; reachable: boolean; error: string };

function failed(r: CallResult<unknown> & { ok: false }, what: string): Step<never> {
  return {
    ok: false,
    reachable: r.failure.kind === "http",
    error: `${what}: ${r.failure.message}`,
  };
}

async function listAll(client: NexusClient): Promise<Step<BlueprintMetadata[]>> {
  const items: BlueprintMetadata[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await client.listBlueprints({ pageToken });
    if (!r.ok) return failed(r, "GET /deployment/blueprints/all");
    const read = readBlueprintPage(r.body);
    if (!read.ok)
      return { ok: false, reachable: true, error: unreadable("blueprint list", read.issues) };
    items.push(...read.value.items);
    pageToken = read.value.next_page ?? null;
    if (!pageToken) return { ok: true, value: items };
  }
  return { ok: false, reachable: true, error: `blueprint list: more than ${MAX_PAGES} pages` };
}

async function readTargetOf(client: NexusClient): Promise<Step<NexusBlueprintTarget>> {
  const r = await client.getTarget();
  if (!r.ok) return failed(r, "GET /deployment/blueprints/target");
  const t = readTarget(r.body);
  return t.ok ? t : { ok: false, reachable: true, error: unreadable("target", t.issues) };
}

/** A background task's last completed run; undefined when it could not be read. */
async function readTask(client: NexusClient, name: string) {
  const r = await client.getBgTask(name);
  if (!r.ok) return undefined;
  const t = readBgTask(r.body);
  return t.ok ? t.last : undefined;
}

/** Only today's era has these; January 2025's Nexus answers 404, which is not an error. */
async function readConfig(client: NexusClient, era: NexusEra) {
  if (era !== "lockstep") return { plannerEnabled: null, updateStatus: undefined };
  const [c, u, plannerTask, executorTask] = await Promise.all([
    client.getReconfiguratorConfig(),
    client.getUpdateStatus(),
    readTask(client, "blueprint_planner"),
    readTask(client, "blueprint_executor"),
  ]);
  const config = c.ok ? readReconfiguratorConfig(c.body) : null;
  const status = u.ok ? readUpdateStatus(u.body) : null;
  return {
    plannerEnabled: config?.ok ? config.value.config.planner_enabled : null,
    updateStatus: status?.ok ? status.value : undefined,
    plannerTask,
    executorTask,
  };
}

export async function readInstance(client: NexusClient): Promise<InstanceRead> {
  const base = { url: client.baseUrl, plannerEnabled: null, updateStatus: undefined };
  const [list, target] = await Promise.all([listAll(client), readTargetOf(client)]);
  const down = !list.ok ? list : !target.ok ? target : null;
  if (down || !list.ok || !target.ok)
    return {
      ...base,
      items: list.ok ? list.value : null,
      target: target.ok ? target.value : null,
      era: list.ok ? eraOfMetadata(list.value) : down?.reachable ? "unknown" : null,
      reachable: down?.reachable ?? true,
      error: down?.error ?? null,
    };
  const era = eraOfMetadata(list.value);
  return {
    ...base,
    ...(await readConfig(client, era)),
    items: list.value,
    target: target.value,
    era,
    reachable: true,
    error: null,
  };
}
