/**
 * The diff page's state lives in its URL so an operator can send a colleague exactly what they
 * see: which diff, which tab, the graph's filters, the profile and the order. Parsing never
 * throws: an unknown or malformed value falls back to the default, so an old or hand-edited
 * link still opens. Serialising omits defaults and writes keys in a fixed order.
 */
import type { ItemKind } from "~/lib/blueprint/model";
import type { ItemChangeKind } from "~/lib/graph/types";
import type { PlanOrder } from "~/lib/plan/types";
import { CHANGE_KINDS, ITEM_KINDS, type GraphFilters } from "../diff-graph/graph-filters";

export const DIFF_VIEWS = ["summary", "tables", "text", "graph", "plan"] as const;
export type DiffView = (typeof DIFF_VIEWS)[number];
/** `rack`: each sled's registered profile (the rack's sled agents); otherwise one for all. */
export const PROFILE_CHOICES = ["rack", "split", "reconciler"] as const;
export type ProfileChoice = (typeof PROFILE_CHOICES)[number];
export const ORDERS: readonly PlanOrder[] = ["safe", "phased"];

export interface DiffUrlState {
  parentId: string | null;
  targetId: string | null;
  view: DiffView;
  filters: GraphFilters;
  profile: ProfileChoice;
  order: PlanOrder;
}

export const DEFAULT_DIFF_STATE: DiffUrlState = {
  parentId: null,
  targetId: null,
  view: "summary",
  filters: { sleds: [], kinds: [], changes: [], search: "" },
  profile: "rack",
  order: "safe",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longer searches are pasted garbage; ids are 36 characters. */
const MAX_SEARCH = 100;

export type SearchParamsLike = Pick<URLSearchParams, "get">;

const oneOf = <T extends string>(values: readonly T[], raw: string | null, fallback: T): T =>
  values.find((v) => v === raw) ?? fallback;

/** `a,b,a,zzz` → the known values, once each, in the order given. */
function listOf<T extends string>(raw: string | null, accept: (v: string) => v is T): T[] {
  const out: T[] = [];
  for (const part of (raw ?? "").split(",")) {
    const v = part.trim();
    if (accept(v) && !out.includes(v)) out.push(v);
  }
  return out;
}

const isUuid = (v: string): v is string => UUID.test(v);
const isKind = (v: string): v is ItemKind => (ITEM_KINDS as readonly string[]).includes(v);
const isChange = (v: string): v is ItemChangeKind =>
  (CHANGE_KINDS as readonly string[]).includes(v);

export function parseDiffUrl(params: SearchParamsLike): DiffUrlState {
  const id = (key: string) => {
    const raw = params.get(key)?.trim() ?? "";
    return isUuid(raw) ? raw.toLowerCase() : null;
  };
  return {
    parentId: id("parent"),
    targetId: id("target"),
    view: oneOf(DIFF_VIEWS, params.get("view"), DEFAULT_DIFF_STATE.view),
    filters: {
      sleds: listOf(params.get("sled")?.toLowerCase() ?? null, isUuid),
      kinds: listOf(params.get("kind"), isKind),
      changes: listOf(params.get("change"), isChange),
      search: (params.get("q") ?? "").slice(0, MAX_SEARCH),
    },
    profile: oneOf(PROFILE_CHOICES, params.get("profile"), DEFAULT_DIFF_STATE.profile),
    order: oneOf(ORDERS, params.get("order"), DEFAULT_DIFF_STATE.order),
  };
}

export function serializeDiffUrl(state: DiffUrlState): string {
  const out = new URLSearchParams();
  if (state.parentId) out.set("parent", state.parentId);
  if (state.targetId) out.set("target", state.targetId);
  if (state.view !== DEFAULT_DIFF_STATE.view) out.set("view", state.view);
  if (state.filters.sleds.length > 0) out.set("sled", state.filters.sleds.join(","));
  if (state.filters.kinds.length > 0) out.set("kind", state.filters.kinds.join(","));
  if (state.filters.changes.length > 0) out.set("change", state.filters.changes.join(","));
  if (state.filters.search !== "") out.set("q", state.filters.search);
  if (state.profile !== DEFAULT_DIFF_STATE.profile) out.set("profile", state.profile);
  if (state.order !== DEFAULT_DIFF_STATE.order) out.set("order", state.order);
  return out.toString();
}

/** A link to the diff page in a given state (defaults filled in for what is not given). */
export function diffHref(state: Partial<DiffUrlState>): string {
  const query = serializeDiffUrl({ ...DEFAULT_DIFF_STATE, ...state });
  return query === "" ? "/diff" : `/diff?${query}`;
}
