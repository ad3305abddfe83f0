"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { shortId } from "~/lib/blueprint/zones";
import type { RouterOutputs } from "../api-types";
import { useLive } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { diffHref } from "../url-state/diff-url";
import { badgeClass, MARKER_TONE } from "../ui/tones";

type TargetChange = RouterOutputs["rack"]["targetHistory"]["entries"][number];

export const TIMELINE_PAGE_SIZE = 10;
/** The newest page asks again this often while the rack is linked: a new target shows up. */
const TIMELINE_REFRESH_MS = 3_000;

/**
 * Every target change the console observed (Nexus keeps no such history), newest first, paged
 * with `before`; each entry's diff against its parent is one click away.
 */
export function TargetTimeline({ rackId, live }: { rackId: string; live: boolean }) {
  const trpc = useTRPC();
  /** The `before` of each page shown so far; the last one is the page on screen. */
  const [pages, setPages] = useState<string[]>([]);
  const before = pages.at(-1);
  const stream = useLive(); // target changes arrive on the live stream; poll only without it
  const history = useQuery(
    trpc.rack.targetHistory.queryOptions(
      { rackId, limit: TIMELINE_PAGE_SIZE, ...(before !== undefined && { before }) },
      {
        refetchInterval: live && !stream && before === undefined ? TIMELINE_REFRESH_MS : false,
        placeholderData: keepPreviousData,
      },
    ),
  );
  return (
    <>
      <h3>Target timeline</h3>
      <QueryView
        query={history}
        loading="Loading the target history…"
        isEmpty={(h) => h.entries.length === 0 && before === undefined}
        empty="No target observed yet: link the rack to Nexus; each change of its target is kept here."
      >
        {(h) => (
          <>
            <TimelineTable entries={h.entries} />
            <div className="row-actions">
              <button
                type="button"
                disabled={pages.length === 0}
                onClick={() => setPages((p) => p.slice(0, -1))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={h.nextBefore === null}
                onClick={() => {
                  const next = h.nextBefore;
                  if (next !== null) setPages((p) => [...p, next]);
                }}
              >
                Older
              </button>
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}

function TimelineTable({ entries }: { entries: TargetChange[] }) {
  return (
    <table className="data">
      <caption className="muted">Targets, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Target blueprint</th>
          <th scope="col">Enabled</th>
          <th scope="col">Made target</th>
          <th scope="col">Reported first by</th>
          <th scope="col">Seen by the console</th>
          <th scope="col">Diff against its parent</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              <Link href={`/blueprints/${e.blueprintId}`} className="mono" title={e.blueprintId}>
                {shortId(e.blueprintId)}
              </Link>
              {e.raw && (
                <span className={badgeClass(MARKER_TONE["unreadable"])}>unreadable (raw)</span>
              )}
            </th>
            <td>{e.enabled ? "✓ enabled" : "✗ disabled"}</td>
            <td>{formatTime(e.timeMadeTarget)}</td>
            <td className="mono">{e.reportedBy}</td>
            <td>{formatTime(e.observedAt)}</td>
            <td>
              <DiffLink change={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiffLink({ change }: { change: TargetChange }) {
  if (change.raw) return <span className="muted">none: the console could not read it</span>;
  if (change.parentId === null) return <span className="muted">no parent</span>;
  return (
    <Link
      href={diffHref({ parentId: change.parentId, targetId: change.blueprintId, view: "graph" })}
      aria-label={`Diff graph of target ${shortId(change.blueprintId)} against its parent`}
    >
      Diff graph
    </Link>
  );
}
