"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc-provider";

export const INBOX_POLL_MS = 5_000;

/** Executions awaiting approval, polled (the navigation count, the inbox). Off when signed out. */
export function useAwaitingApproval(enabled = true) {
  const trpc = useTRPC();
  return useQuery(
    trpc.execution.list.queryOptions(
      { state: "awaiting_approval" },
      { enabled, refetchInterval: INBOX_POLL_MS, retry: false },
    ),
  );
}
