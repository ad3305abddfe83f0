"use client";

import { useQuery } from "@tanstack/react-query";
import * as ToastUI from "@radix-ui/react-toast";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type RefObject,
} from "react";
import { useSession } from "../auth/use-session";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { baseline, newToasts, type Seen, type Toast } from "./notifications";
import { chooseCorner, type Corner } from "./toast-placement";
import "./execution.css";

/** Only while the live stream is down: it refetches the list on every execution change. */
const POLL_MS = 4_000;
const TOAST_MS = 20_000;
const MARGIN_PX = 16;
/** Graphs on screen: React Flow canvases (the diff graph, the plan graph). */
const GRAPHS = ".react-flow";

const CORNER_STYLE: Record<Corner, CSSProperties> = {
  "bottom-right": { right: MARGIN_PX, bottom: MARGIN_PX, top: "auto", left: "auto" },
  "top-right": { right: MARGIN_PX, top: MARGIN_PX, bottom: "auto", left: "auto" },
  "bottom-left": { left: MARGIN_PX, bottom: MARGIN_PX, top: "auto", right: "auto" },
  "top-left": { left: MARGIN_PX, top: MARGIN_PX, bottom: "auto", right: "auto" },
};

/**
 * The corner the toasts sit in: one where they cover no graph on screen, measured while any
 * toast shows (graphs move as the page scrolls, lays out or navigates).
 */
function useGraphFreeCorner(box: RefObject<HTMLElement | null>, showing: boolean): Corner {
  const [corner, setCorner] = useState<Corner>("bottom-right");
  useLayoutEffect(() => {
    if (!showing) return;
    const place = () => {
      const el = box.current;
      if (!el) return;
      const graphs = [...document.querySelectorAll(GRAPHS)].map((g) => g.getBoundingClientRect());
      const { width, height } = el.getBoundingClientRect();
      const viewport = { width: window.innerWidth, height: window.innerHeight };
      setCorner(chooseCorner(viewport, { width, height }, graphs, MARGIN_PX));
    };
    place();
    const timer = setInterval(place, 250);
    window.addEventListener("scroll", place, { passive: true });
    window.addEventListener("resize", place);
    return () => {
      clearInterval(timer);
      window.removeEventListener("scroll", place);
      window.removeEventListener("resize", place);
    };
  }, [box, showing]);
  return corner;
}

/** In-page notifications: approvals requested (for approvers) and executions that ended. */
export function ExecutionToasts() {
  const trpc = useTRPC();
  const session = useSession();
  const me = session.data ?? null;
  const refetchInterval = useLiveFallback(POLL_MS);
  const list = useQuery(
    trpc.execution.list.queryOptions({}, { enabled: me !== null, refetchInterval, retry: false }),
  );
  const seen = useRef<Seen | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const pathname = usePathname();
  const box = useRef<HTMLOListElement>(null);
  const corner = useGraphFreeCorner(box, toasts.length > 0);

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

  const dismiss = (id: string) => setToasts((all) => all.filter((x) => x.id !== id));

  // Radix Toast (a maintained headless component): each toast times out after TOAST_MS, paused
  // while hovered or focused; F8 moves focus to the notifications, Escape or swipe dismisses.
  return (
    <ToastUI.Provider duration={TOAST_MS} label="Notification">
      {toasts.map((t) => (
        <ToastUI.Root
          key={t.id}
          type="background"
          className={`toast toast-${t.tone}`}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
        >
          <ToastUI.Description asChild>
            <p>
              {t.text}
              {/* No link to the page already on screen. */}
              {pathname !== `/executions/${t.executionId}` && (
                <>
                  {" "}
                  <Link href={`/executions/${t.executionId}`}>
                    {t.kind === "approval-requested" ? "Review" : "Open"}
                  </Link>
                </>
              )}
            </p>
          </ToastUI.Description>
          <ToastUI.Close aria-label="Dismiss notification">×</ToastUI.Close>
        </ToastUI.Root>
      ))}
      <ToastUI.Viewport
        ref={box}
        className="toasts"
        label="Notifications"
        data-corner={corner}
        style={CORNER_STYLE[corner]}
      />
    </ToastUI.Provider>
  );
}
