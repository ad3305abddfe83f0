"use client";

/**
 * The session's one live stream (`live.events`, SSE): every event invalidates the queries it
 * makes stale, so pages refetch what changed instead of polling. While the stream is down
 * (before it connects, or after it failed), `useLiveFallback` gives pages a slow poll, and the
 * stream is subscribed again; a reconnect (`hello`) refetches what may have been missed.
 */
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { staleKeys, type KeyPaths } from "./stale-keys";

const RESUBSCRIBE_MS = 2_000;
const DEBOUNCE_MS = 100;

const LiveContext = createContext<{ live: boolean }>({ live: false });

/** Whether the stream is up: pages poll only when it is not. */
export function useLive(): boolean {
  return useContext(LiveContext).live;
}

/** A `refetchInterval`: none while the stream is up, `ms` while it is down. */
export function useLiveFallback(ms: number): number | false {
  return useLive() ? false : ms;
}

export function LiveEvents({ children }: { children: ReactNode }) {
  const session = useSession();
  const userId = session.data?.id ?? null;
  const [live, setLive] = useState(false);
  return (
    <LiveContext.Provider value={{ live: userId !== null && live }}>
      <span
        hidden
        data-testid="live-stream"
        data-state={userId !== null && live ? "live" : "down"}
      />
      {/* One stream per signed-in user: a new sign-in (another user) opens a new one. */}
      {userId !== null && <LiveStream key={userId} onLive={setLive} />}
      {children}
    </LiveContext.Provider>
  );
}

/** The subscription itself; its queries are invalidated as its events say. */
function LiveStream({ onLive }: { onLive: (live: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  // Events come in bursts (an approval: the state change, the target, the list): collect the
  // keys and invalidate each once.
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const connectedOnce = useRef(false);
  const invalidate = useCallback(
    (keys: QueryKey[]) => {
      for (const k of keys) pending.current.set(JSON.stringify(k), k);
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const all = [...pending.current.values()];
        pending.current.clear();
        for (const queryKey of all) void queryClient.invalidateQueries({ queryKey });
      }, DEBOUNCE_MS);
    },
    [queryClient],
  );
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const paths: KeyPaths = {
    executionList: trpc.execution.list.pathKey(),
    executionById: (executionId) => trpc.execution.byId.queryKey({ executionId }),
    audit: trpc.execution.audit.pathKey(),
    blueprintLists: trpc.blueprint.list.pathKey(),
    blueprintList: (rackId) => trpc.blueprint.list.queryKey({ rackId }),
    rawList: (rackId) => trpc.blueprint.rawList.queryKey({ rackId }),
    rackList: trpc.rack.list.pathKey(),
    rackById: (rackId) => trpc.rack.byId.queryKey({ rackId }),
    rackInventory: (rackId) => trpc.rack.inventory.queryKey({ rackId }),
    rackActivity: trpc.rack.activity.pathKey(),
    targetHistory: trpc.rack.targetHistory.pathKey(),
    nexusExecutor: trpc.nexusExecutor.status.pathKey(),
  };

  const sub = useSubscription(
    trpc.live.events.subscriptionOptions(undefined, {
      onData: (event) => {
        if (event.kind === "hello") {
          // The first hello is the page's own start; a later one follows an outage.
          if (connectedOnce.current) invalidate(staleKeys(event, paths));
          connectedOnce.current = true;
          return;
        }
        invalidate(staleKeys(event, paths));
      },
    }),
  );

  // An error ends the subscription for good: subscribe again after a moment.
  const { status, reset } = sub;
  useEffect(() => {
    if (status !== "error") return;
    const t = setTimeout(reset, RESUBSCRIBE_MS);
    return () => clearTimeout(t);
  }, [status, reset]);

  const up = status === "pending";
  useEffect(() => {
    onLive(up);
    return () => onLive(false);
  }, [up, onLive]);
  return null;
}
