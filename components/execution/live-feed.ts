/**
 * The live feed, folded into what execution.byId does not carry: the last event id (to
 * resume after a reconnect and to drop replays), a retry in progress per step (attempt,
 * backoff, error), steps waiting for the agent to reconcile, sleds the executor could not
 * verify, and a short activity log. Step states themselves come from byId, refetched on
 * every event; this reducer only adds what happens between two rows of the database.
 * Event types mirror server/executor (scheduler.ts, run-step.ts, drive.ts).
 */
import { EXECUTION_STATES, type ExecutionState } from "~/lib/execution/state-machine";
import type { FeedEvent } from "./types";

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: string | null;
  at: string;
}

export interface LogEntry {
  id: string;
  at: string;
  text: string;
}

export interface LiveFeed {
  /** The highest event id seen. */
  lastEventId: string | null;
  /** The ids of the last SEEN_LIMIT events, to drop replays. */
  seen: ReadonlySet<string>;
  /** The latest `execution.<state>` seen. */
  executionState: ExecutionState | null;
  retrying: Readonly<Record<string, RetryInfo>>;
  reconciling: ReadonlySet<string>;
  unverified: readonly { sledId: string; reason: string }[];
  /** Newest first, at most LOG_LIMIT entries. */
  log: readonly LogEntry[];
}

export const LOG_LIMIT = 50;
const SEEN_LIMIT = 1_000;

export const EMPTY_FEED: LiveFeed = {
  lastEventId: null,
  seen: new Set(),
  executionState: null,
  retrying: {},
  reconciling: new Set(),
  unverified: [],
  log: [],
};

const EXECUTION_STATE_NAMES = new Set<string>(EXECUTION_STATES);

const field = (data: unknown, key: string): unknown =>
  typeof data === "object" && data !== null ? (data as Record<string, unknown>)[key] : undefined;
const str = (data: unknown, key: string): string | null => {
  const v = field(data, key);
  return typeof v === "string" ? v : null;
};
const num = (data: unknown, key: string): number | null => {
  const v = field(data, key);
  return typeof v === "number" ? v : null;
};

/** Event ids are increasing integers (a bigserial) sent as strings. */
export function isNewer(id: string, than: string | null): boolean {
  if (than === null) return true;
  return id.length !== than.length ? id.length > than.length : id > than;
}

/** One line of the activity log for an event, or null for events not worth a line. */
export function describeEvent(e: FeedEvent): string | null {
  const step = e.stepId ?? "";
  const [kind, what] = e.type.split(".", 2);
  if (kind === "execution") return `execution ${what?.replaceAll("_", " ") ?? ""}`;
  switch (e.type) {
    case "step.started":
      return `${step} started`;
    case "step.retrying":
      return `${step} attempt ${num(e.data, "attempt") ?? "?"} failed (${str(e.data, "error") ?? "error"}); retrying in ${num(e.data, "delayMs") ?? 0} ms`;
    case "step.reconciling":
      return `${step} sent; waiting for the agent to reconcile generation ${num(e.data, "generation") ?? "?"}`;
    case "step.succeeded":
      return `${step} succeeded`;
    case "step.failed":
      return `${step} failed: ${str(e.data, "error") ?? "error"}`;
    case "step.skipped":
      return `${step} skipped: ${str(e.data, "because") ?? "a dependency"} did not succeed`;
    case "step.cancelled":
      return `${step} cancelled`;
    case "step.resumed":
      return `${step} resumed by ${str(e.data, "runner") ?? "another runner"} (the previous runner stopped)`;
    case "sled.unverified":
      return `sled ${str(e.data, "sledId") ?? "?"} could not be verified: ${str(e.data, "reason") ?? ""}`;
    default:
      return null; // attempt.* events show in the attempts table instead
  }
}

function without<T>(
  record: Readonly<Record<string, T>>,
  key: string | null,
): Readonly<Record<string, T>> {
  if (key === null || !(key in record)) return record;
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

export function reduceFeed(feed: LiveFeed, e: FeedEvent): LiveFeed {
  // A replay after reconnecting; an id below the last one is an event that committed late.
  if (feed.seen.has(e.id)) return feed;
  const seen = new Set(feed.seen).add(e.id);
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value ?? "");
  const lastEventId = isNewer(e.id, feed.lastEventId) ? e.id : feed.lastEventId;
  const next: LiveFeed = { ...feed, lastEventId, seen };
  const [kind, what = ""] = e.type.split(".", 2);
  if (kind === "execution" && EXECUTION_STATE_NAMES.has(what))
    next.executionState = what as ExecutionState; // checked against the list just above
  if (e.type === "step.retrying" && e.stepId) {
    next.retrying = {
      ...feed.retrying,
      [e.stepId]: {
        attempt: num(e.data, "attempt") ?? 0,
        delayMs: num(e.data, "delayMs") ?? 0,
        error: str(e.data, "error"),
        at: e.at,
      },
    };
  } else if (e.type === "step.reconciling" && e.stepId) {
    next.reconciling = new Set([...feed.reconciling, e.stepId]);
  } else if (kind === "step" && e.type !== "step.started" && e.stepId) {
    next.retrying = without(feed.retrying, e.stepId);
    if (feed.reconciling.has(e.stepId))
      next.reconciling = new Set([...feed.reconciling].filter((s) => s !== e.stepId));
  }
  if (e.type === "sled.unverified")
    next.unverified = [
      ...feed.unverified,
      { sledId: str(e.data, "sledId") ?? "?", reason: str(e.data, "reason") ?? "" },
    ];
  const text = describeEvent(e);
  if (text !== null) next.log = [{ id: e.id, at: e.at, text }, ...feed.log].slice(0, LOG_LIMIT);
  return next;
}
