"use client";

import { useQuery } from "@tanstack/react-query";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";

/** Polled only while the live stream is down (components/live/live-events.tsx). */
export const INBOX_POLL_MS = 5_000;

/**
 * Executions awaiting approval (the navigation count, the inbox), refetched when the live stream
 * says one changed. Off when signed out.
 */
export function useAwaitingApproval(enabled = true) {
  const trpc = useTRPC();
  const refetchInterval = useLiveFallback(INBOX_POLL_MS);
  return useQuery(
    trpc.execution.list.queryOptions(
      { state: "awaiting_approval" },
      { enabled, refetchInterval, retry: false },
    ),
  );
}
