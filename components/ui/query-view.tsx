"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

interface Props<T> {
  query: UseQueryResult<T, { message: string }>;
  /** "Loading the blueprints…" */
  loading: string;
  /** What to say when the data is there but empty (`isEmpty` decides). */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

/** The loading, error and empty states every query needs, said the same way everywhere. */
export function QueryView<T>({ query, loading, empty, isEmpty, children }: Props<T>) {
  if (query.isPending) {
    return (
      <p role="status" className="muted">
        {loading}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div role="alert" className="error-box">
        <p>{query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (empty !== undefined && isEmpty?.(query.data)) return <div className="empty">{empty}</div>;
  return <>{children(query.data)}</>;
}
