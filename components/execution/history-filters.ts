/**
 * The history page's filters live in the URL (shareable): state, requester, rack, and a
 * date range. Dates are calendar days in UTC (`2026-11-25`), sent to execution.list as the
 * day's first and last millisecond.
 */
import { EXECUTION_STATES, type ExecutionState } from "~/lib/execution/state-machine";

export interface HistoryFilters {
  state?: ExecutionState;
  requestedById?: string;
  rackId?: string;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEYS = ["state", "requestedById", "rackId", "from", "to"] as const;

interface ParamsLike {
  get(name: string): string | null;
}

const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Unknown or malformed values are dropped, so a hand-edited URL cannot break the query. */
export function parseFilters(params: ParamsLike): HistoryFilters {
  const out: HistoryFilters = {};
  const state = params.get("state");
  if (state && (EXECUTION_STATES as readonly string[]).includes(state))
    out.state = state as ExecutionState; // checked against the list
  for (const key of ["requestedById", "rackId"] as const) {
    const v = params.get(key);
    if (v && UUID.test(v)) out[key] = v;
  }
  for (const key of ["from", "to"] as const) {
    const v = params.get(key);
    if (v && isDay(v)) out[key] = v;
  }
  return out;
}

/** `?state=failed&rackId=…` in a fixed key order, empty values left out. */
export function filtersToSearch(f: HistoryFilters): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** execution.list's input. */
export function toListInput(f: HistoryFilters): {
  state?: ExecutionState;
  requestedById?: string;
  rackId?: string;
  since?: string;
  until?: string;
} {
  return {
    ...(f.state ? { state: f.state } : {}),
    ...(f.requestedById ? { requestedById: f.requestedById } : {}),
    ...(f.rackId ? { rackId: f.rackId } : {}),
    ...(f.from ? { since: `${f.from}T00:00:00.000Z` } : {}),
    ...(f.to ? { until: `${f.to}T23:59:59.999Z` } : {}),
  };
}
