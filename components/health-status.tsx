"use client";

import { useQuery } from "@tanstack/react-query";
import { shortDbVersion } from "./format-db-version.ts";
import { useTRPC } from "./trpc-provider.tsx";

/** Shows whether the console server is up and connected to its database. */
export function HealthStatus() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.check.queryOptions(undefined, { refetchInterval: 10_000 }));

  if (health.isPending) {
    return (
      <p role="status" className="status status-pending">
        Checking the database connection…
      </p>
    );
  }
  if (health.isError) {
    return (
      <p role="alert" className="status status-error">
        Cannot reach the console server: {health.error.message}
      </p>
    );
  }
  const { database, time } = health.data;
  if (!database.connected) {
    return (
      <p role="alert" className="status status-error">
        The console is up, but its database is not connected: {database.error}
      </p>
    );
  }
  return (
    <section aria-label="Console status" className="status status-ok" role="status">
      {database.version === undefined ? (
        <p>
          <strong>Database connected</strong>
          <span className="muted"> (log in to see its version)</span>
        </p>
      ) : (
        <>
          <p>
            <strong>Database connected</strong>: {shortDbVersion(database.version)}
          </p>
          <p className="muted" title={database.version}>
            <span data-testid="db-version">{database.version}</span>
          </p>
        </>
      )}
      <p className="muted">
        Checked at <time dateTime={time}>{new Date(time).toLocaleTimeString()}</time>
      </p>
    </section>
  );
}
