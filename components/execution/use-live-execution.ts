"use client";

/**
 * An execution, kept current: execution.byId, refetched (debounced) on every event of the
 * execution.events SSE feed. httpSubscriptionLink reconnects by itself and resumes from the
 * last event id; if the stream errors out for good (the server answered something other than
 * an event stream while restarting) we resubscribe from our own last id. A slow poll of byId
 * while the execution is live is the safety net if the feed stalls.
 */
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useReducer, useRef, useState, type RefObject } from "react";
import { useLive } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { EMPTY_FEED, isNewer, reduceFeed } from "./live-feed";
import { isSettled } from "./progress";
import type { FeedEvent } from "./types";

const REFETCH_DEBOUNCE_MS = 150;
const SAFETY_POLL_MS = 5_000;
/** While the session's live stream is up too (it refetches this execution on a state change). */
const SAFETY_POLL_LIVE_MS = 30_000;
const RESUBSCRIBE_MS = 2_000;

export type Connection = "live" | "connecting" | "reconnecting" | "ended";

export function useLiveExecution(executionId: string) {
  const trpc = useTRPC();
  const detailOptions = trpc.execution.byId.queryOptions({ executionId });
  const safetyPollMs = useLive() ? SAFETY_POLL_LIVE_MS : SAFETY_POLL_MS;
  const detail = useQuery({
    ...detailOptions,
    refetchInterval: (q) => (q.state.data && isSettled(q.state.data) ? false : safetyPollMs),
    retry: (count) => count < 100, // keep trying through a server restart
    retryDelay: 1_000,
  });
  const [feed, dispatch] = useReducer(reduceFeed, EMPTY_FEED);
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  const lastId = useRef<string | null>(null);
  const refetchSoon = useDebouncedRefetch(detailOptions.queryKey);

  const ended = detail.data !== undefined && isSettled(detail.data);
  const sub = useSubscription(
    trpc.execution.events.subscriptionOptions(
      { executionId, lastEventId: resumeFrom },
      {
        onData: (tracked) => {
          const event: FeedEvent = tracked.data;
          if (isNewer(event.id, lastId.current)) lastId.current = event.id;
          dispatch(event);
          refetchSoon();
        },
        // A reconnect may have missed a state change between two events: read it again.
        onStarted: refetchSoon,
      },
    ),
  );
  useResubscribeOnError(sub, resumeFrom, lastId, setResumeFrom);

  const connection = connectionOf(ended, sub.status, feed.lastEventId);
  return { detail, feed, connection, refetch: refetchSoon };
}

/**
 * Invalidates the execution (and the executions list) shortly after being called; calls in
 * between coalesce into one refetch, so a burst of events costs one round trip.
 */
function useDebouncedRefetch(detailKey: QueryKey): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetchSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: detailKey });
      void queryClient.invalidateQueries({ queryKey: trpc.execution.list.pathKey() });
    }, REFETCH_DEBOUNCE_MS);
  }, [queryClient, detailKey, trpc]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return refetchSoon;
}

/**
 * The stream errored out for good: subscribe again from the last event seen, or, when no event
 * came since the last attempt, retry the same subscription.
 */
function useResubscribeOnError(
  sub: { status: string; reset: () => void },
  resumeFrom: string | null,
  lastId: RefObject<string | null>,
  setResumeFrom: (id: string | null) => void,
): void {
  useEffect(() => {
    if (sub.status !== "error") return;
    const t = setTimeout(() => {
      if (lastId.current !== resumeFrom) setResumeFrom(lastId.current);
      else sub.reset();
    }, RESUBSCRIBE_MS);
    return () => clearTimeout(t);
  }, [sub, resumeFrom, lastId, setResumeFrom]);
}

function connectionOf(ended: boolean, status: string, lastEventId: string | null): Connection {
  if (ended) return "ended";
  if (status === "pending") return "live";
  return status === "idle" || !lastEventId ? "connecting" : "reconnecting";
}
