/**
 * What the console's live stream (`live.events`) carries: changes written to the database by
 * any process (a console, the executor, the Nexus poller), published with PostgreSQL
 * NOTIFY on one channel (server/repo/notify.ts) and fanned out by each console process
 * (server/events/hub.ts). Payloads hold ids and states only: a client refetches what it shows.
 */
import { z } from "zod";

/** The PostgreSQL NOTIFY channel every process publishes to and every console listens on. */
export const LIVE_CHANNEL = "bpc_live";

const uuid = z.string().min(1).max(64);

/** What a writer publishes (its `requestedById` decides who is told an approval waits). */
export const publishedEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("execution"),
    executionId: uuid,
    rackId: uuid,
    state: z.string().max(40),
    /** Set when the execution (still) awaits approval: its requester never approves it. */
    requestedById: uuid.nullish(),
  }),
  z.object({ kind: z.literal("blueprint"), rackId: uuid, blueprintId: uuid }),
  z.object({ kind: z.literal("target"), rackId: uuid, blueprintId: uuid.nullable() }),
  /** A session was logged out: its streams end (never forwarded). */
  z.object({ kind: z.literal("session-ended"), sessionId: uuid }),
]);
export type PublishedEvent = z.infer<typeof publishedEventSchema>;

/** What a subscriber receives. */
export type LiveEvent =
  /** The stream is (re)connected: refetch what may have changed while it was not. */
  | { kind: "hello" }
  | { kind: "execution"; executionId: string; rackId: string; state: string }
  /** An execution awaits this user's approval (approvers only, never its requester). */
  | { kind: "approval"; executionId: string; rackId: string }
  | { kind: "blueprint"; rackId: string; blueprintId: string }
  | { kind: "target"; rackId: string; blueprintId: string | null };

/**
 * What `user` may be told of `e`: everyone signed in reads executions, blueprints and targets
 * (as `execution.list`, `blueprint.list`, `rack.byId` do); "awaits your approval" goes only to
 * approvers other than the requester. The requester's id itself is never forwarded.
 */
export function eventsFor(
  e: PublishedEvent,
  user: { id: string; roles: readonly string[] },
): LiveEvent[] {
  if (e.kind === "session-ended") return [];
  if (e.kind !== "execution") return [e];
  const out: LiveEvent[] = [
    { kind: "execution", executionId: e.executionId, rackId: e.rackId, state: e.state },
  ];
  if (
    e.state === "awaiting_approval" &&
    typeof e.requestedById === "string" &&
    e.requestedById !== user.id &&
    user.roles.includes("approver")
  )
    out.push({ kind: "approval", executionId: e.executionId, rackId: e.rackId });
  return out;
}

/** The payload of a NOTIFY, or null when it is not one of ours (logged by the hub). */
export function parsePublished(payload: string | undefined): PublishedEvent | null {
  if (!payload) return null;
  try {
    const r = publishedEventSchema.safeParse(JSON.parse(payload));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
