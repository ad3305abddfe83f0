/**
 * Publishing a change to every console's live stream: `SELECT pg_notify(…)` on the connection
 * that wrote it. Inside a transaction PostgreSQL delivers the notification only when the
 * transaction commits (and drops it on rollback), so listeners never hear of a change they
 * cannot yet read; outside one, call it right after the write. Every state write that the UI
 * shows live goes through here (server/events/live-event.ts says what is published).
 */
import { LIVE_CHANNEL, type PublishedEvent } from "../events/live-event.ts";
import { getPrisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

type Db = Pick<Prisma.TransactionClient, "$executeRaw">;

export async function notifyLive(event: PublishedEvent, db: Db = getPrisma()): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`;
}

/** An execution's state as it now is (its rack and requester read in the same statement). */
export async function notifyExecution(executionId: string, db: Db = getPrisma()): Promise<void> {
  // One statement: the payload is built from the row as this connection sees it.
  await db.$executeRaw`
    SELECT pg_notify(${LIVE_CHANNEL}, json_build_object(
      'kind', 'execution', 'executionId', e."id"::text, 'rackId', e."rackId"::text,
      'state', e."state"::text,
      'requestedById', CASE WHEN e."state" = 'awaiting_approval' THEN e."requestedById"::text END
    )::text)
    FROM "Execution" e WHERE e."id" = ${executionId}::uuid`;
}
