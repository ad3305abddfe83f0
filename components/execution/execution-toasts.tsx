"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { baseline, newToasts, type Seen, type Toast } from "./notifications";
import "./execution.css";

const POLL_MS = 4_000;
const TOAST_MS = 20_000;

/** In-page notifications: approvals requested (for approvers) and executions that ended. */
export function ExecutionToasts() {
  const trpc = useTRPC();
  const session = useSession();
  const me = session.data ?? null;
  const list = useQuery(
    trpc.execution.list.queryOptions(
      {},
      { enabled: me !== null, refetchInterval: POLL_MS, retry: false },
    ),
  );
  const seen = useRef<Seen | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    if (!list.data || !me) return;
    if (seen.current === null) {
      seen.current = baseline(list.data);
      return;
    }
    const next = newToasts(seen.current, list.data, me);
    seen.current = next.seen;
    if (next.toasts.length)
      setToasts((t) => [
        ...t.filter((x) => !next.toasts.some((n) => n.id === x.id)),
        ...next.toasts,
      ]);
  }, [list.data, me]);

  useEffect(() => {
    if (toasts.length === 0) return;
    const t = setTimeout(() => setToasts((all) => all.slice(1)), TOAST_MS);
    return () => clearTimeout(t);
  }, [toasts]);

  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`}>
          <p>
            {t.text}{" "}
            <Link href={`/executions/${t.executionId}`}>
              {t.kind === "approval-requested" ? "Review" : "Open"}
            </Link>
          </p>
          <button
            type="button"
            aria-label="Dismiss notification"
            onClick={() => setToasts((all) => all.filter((x) => x.id !== t.id))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
