import { formatClock } from "./format";
import type { LiveFeed } from "./live-feed";
import type { Connection } from "./use-live-execution";

const CONNECTION_TEXT: Readonly<Record<Connection, string>> = {
  live: "● Live: updates arrive as they happen",
  connecting: "○ Connecting to the live feed…",
  reconnecting: "○ Connection lost: reconnecting and resuming where it stopped…",
  ended: "The execution has ended: the feed is closed",
};

export function ConnectionStatus({ connection }: { connection: Connection }) {
  return (
    <p role="status" className={`connection connection-${connection}`} data-testid="connection">
      {CONNECTION_TEXT[connection]}
    </p>
  );
}

/** The latest events, newest first, in words. */
export function ActivityLog({ feed }: { feed: LiveFeed }) {
  if (feed.log.length === 0) return null;
  return (
    <details className="activity-log">
      <summary>Activity ({feed.log.length} latest events)</summary>
      {/* Scrollable, so focusable: keyboard users can scroll it too. */}
      <ol tabIndex={0} aria-label="Latest events, newest first">
        {feed.log.map((l) => (
          <li key={l.id}>
            <time dateTime={l.at}>{formatClock(l.at)}</time> {l.text}
          </li>
        ))}
      </ol>
    </details>
  );
}
