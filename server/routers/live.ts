/**
 * live.events: one server-sent event stream per browser session, carrying what changed
 * anywhere (any console process, the executor, the Nexus poller) so pages refetch instead of
 * polling: execution state changes, executions awaiting the user's approval, new blueprints
 * and rack target changes. Fed by PostgreSQL LISTEN/NOTIFY (server/events/hub.ts).
 */
import { eventsFor, type LiveEvent } from "../events/live-event.ts";
import { liveHub } from "../events/hub.ts";
import { protectedProcedure, router } from "../trpc.ts";

const HELLO: LiveEvent = { kind: "hello" };

export const liveRouter = router({
  events: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    const hub = liveHub();
    const aborted = signal ?? new AbortController().signal;
    const messages = hub.listen(aborted);
    try {
      await hub.ready();
      yield HELLO;
      for await (const [m] of messages) {
        // Logged out (in any console process): this session's stream ends.
        if (m.type === "event" && m.event.kind === "session-ended") {
          if (m.event.sessionId === ctx.sessionId) return;
          continue;
        }
        if (m.type === "reconnected") yield HELLO;
        else for (const e of eventsFor(m.event, ctx.user)) yield e;
      }
    } catch (err) {
      if (!aborted.aborted) throw err; // the client went away: end quietly
    } finally {
      await messages.return?.(); // detach from the hub, however the stream ended
    }
  }),
});
