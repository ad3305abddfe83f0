/**
 * How the rack page words each Nexus instance's state (issue 14). Pure.
 *
 * The poller keeps only each instance's last error message (NexusInstance.error), not the
 * failure's kind, so "slow" and "HTTP 500" are read from the messages the console's own HTTP
 * client writes (server/sled-agent/http-call.ts: `no answer within N ms`, `HTTP <status>…`);
 * an unrecognised message is shown as "down" or "failing" with the message itself.
 */
import type { RouterOutputs } from "../api-types";

export type RackNexus = RouterOutputs["rack"]["byId"]["nexus"];
export type NexusInstance = RackNexus["instances"][number];
export type NexusTarget = NonNullable<RackNexus["target"]>;

export type InstanceState =
  | { kind: "not-polled" }
  | { kind: "ok" }
  | { kind: "stale"; reported: NexusTarget }
  | { kind: "unknown-era"; detail: string }
  | { kind: "slow"; detail: string }
  | { kind: "down"; detail: string }
  | { kind: "failing"; status: number | null; detail: string };

const TIMEOUT = /no answer within \d+ ms/;
const HTTP_STATUS = /HTTP (\d{3})/;

export const sameTarget = (a: NexusTarget, b: NexusTarget) =>
  a.blueprintId === b.blueprintId &&
  a.enabled === b.enabled &&
  Date.parse(a.timeMadeTarget) === Date.parse(b.timeMadeTarget);

/** `newest`: the newest target any instance reported (rack.byId's `nexus.target`). */
export function instanceState(i: NexusInstance, newest: NexusTarget | null): InstanceState {
  if (i.lastPolledAt === null) return { kind: "not-polled" };
  const detail = i.error ?? "";
  if (i.era === "unknown") return { kind: "unknown-era", detail };
  if (!i.reachable)
    return TIMEOUT.test(detail) ? { kind: "slow", detail } : { kind: "down", detail };
  if (i.error !== undefined) {
    const status = HTTP_STATUS.exec(detail)?.[1];
    return { kind: "failing", status: status ? Number(status) : null, detail };
  }
  if (i.target && newest && !sameTarget(i.target, newest))
    return { kind: "stale", reported: i.target };
  return { kind: "ok" };
}

/** The words shown for a state; colour is never the only signal. */
export function stateLabel(s: InstanceState): string {
  switch (s.kind) {
    case "not-polled":
      return "… not polled yet";
    case "ok":
      return "✓ ok";
    case "stale":
      return "⚠ stale: reports an older target";
    case "unknown-era":
      return "? unknown era";
    case "slow":
      return "◷ slow: timed out";
    case "down":
      return "✗ down";
    case "failing":
      return s.status === null ? "✗ failing" : `✗ answers HTTP ${s.status}`;
    default:
      return s satisfies never;
  }
}

/** A poll older than this (several rounds of the default 5 s NEXUS_POLL_MS) is worth a word. */
export const POLL_OVERDUE_MS = 60_000;

export function isPollOverdue(lastPolledAt: string | null, nowMs: number): boolean {
  if (lastPolledAt === null) return false;
  return nowMs - Date.parse(lastPolledAt) > POLL_OVERDUE_MS;
}

/** The most recent poll of any instance (the panel's "last poll"). */
export function lastPoll(instances: readonly NexusInstance[]): string | null {
  const times = instances.flatMap((i) => (i.lastPolledAt ? [i.lastPolledAt] : []));
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

/** One URL per line (or separated by spaces or commas), blanks dropped: rack.setNexus's input. */
export function parseNexusUrls(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter((u) => u !== "");
}
