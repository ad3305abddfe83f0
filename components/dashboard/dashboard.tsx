"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { executionCan } from "~/lib/execution/can";
import { rackHealth, type SledHealth } from "~/lib/rack/health";
import type { SessionUser } from "../auth/can";
import { SignedIn } from "../auth/signed-in";
import { ExecutionsTable } from "../execution/executions-table";
import { shortId } from "../execution/format";
import { useAwaitingApproval } from "../execution/use-awaiting-approval";
import { useRackNames } from "../execution/use-rack-names";
import { HealthStatus } from "../health-status";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { QueryView } from "../ui/query-view";
import { HEALTH_TONE, toneText } from "../ui/tones";

/** Inventory is live calls to every agent: read it every half minute, not on every render. */
const HEALTH_POLL_MS = 30_000;
const ACTIVITY_POLL_MS = 5_000;
const RECENT_FAILURES_DAYS = 7;
const RECENT_FAILURES_SHOWN = 5;

const HEALTH_WORDS: Record<SledHealth, string> = {
  "in-sync": "in sync",
  drifting: "drifting",
  unreachable: "unreachable",
  decommissioned: "decommissioned",
};

function RackHealthCell({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const inventory = useQuery(
    trpc.rack.inventory.queryOptions(
      { rackId },
      { refetchInterval: HEALTH_POLL_MS, staleTime: HEALTH_POLL_MS },
    ),
  );
  if (inventory.isPending) return <span className="muted">reading the sled agents…</span>;
  if (inventory.isError) return <span className="error-text">{inventory.error.message}</span>;
  const { counts, worst } = rackHealth(inventory.data.sleds);
  const parts = (Object.keys(HEALTH_WORDS) as SledHealth[])
    .filter((h) => counts[h] > 0)
    .map((h) => `${counts[h]} ${HEALTH_WORDS[h]}`);
  return (
    <span className={`rack-health ${toneText(HEALTH_TONE[worst])}`} data-health={worst}>
      {parts.length ? parts.join(", ") : "no sleds"}
    </span>
  );
}

function Racks() {
  const trpc = useTRPC();
  const racks = useQuery(trpc.rack.list.queryOptions());
  return (
    <section aria-labelledby="dash-racks">
      <h2 id="dash-racks">Racks</h2>
      <QueryView
        query={racks}
        loading="Loading the racks…"
        isEmpty={(l) => l.length === 0}
        empty={
          <>
            No racks yet. <Link href="/racks">Add a rack</Link> to import its blueprints.
          </>
        }
      >
        {(list) => (
          <table className="data">
            <caption className="muted">
              {list.length} {list.length === 1 ? "rack" : "racks"}; sled health from each sled
              agent's inventory against the rack's current blueprint
            </caption>
            <thead>
              <tr>
                <th scope="col">Rack</th>
                <th scope="col">Current blueprint</th>
                <th scope="col">Sleds</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/racks/${r.id}`}>{r.name}</Link>
                  </td>
                  <td className="mono">
                    {r.currentBlueprintId ? (
                      <Link href={`/blueprints/${r.currentBlueprintId}`}>
                        {shortId(r.currentBlueprintId)}
                      </Link>
                    ) : (
                      <span className="muted">none yet</span>
                    )}
                  </td>
                  <td>
                    <RackHealthCell rackId={r.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}

function ApprovalQueue({ me }: { me: SessionUser }) {
  const awaiting = useAwaitingApproval();
  const { names } = useRackNames();
  const isApprover = executionCan.reviewApprovals(me).ok;
  return (
    <section aria-labelledby="dash-approvals">
      <h2 id="dash-approvals">{isApprover ? "Awaiting your approval" : "Awaiting approval"}</h2>
      <QueryView
        query={awaiting}
        loading="Loading the executions awaiting approval…"
        isEmpty={(l) => l.filter((e) => !isApprover || e.requestedBy.id !== me.id).length === 0}
        empty={isApprover ? "Nothing awaits your approval." : "Nothing awaits approval."}
      >
        {(l) => {
          // An approver cannot approve their own requests: those are not in their queue.
          const mine = isApprover ? l.filter((e) => e.requestedBy.id !== me.id) : l;
          return (
            <ExecutionsTable
              executions={mine}
              rackNames={names}
              caption={`${mine.length} awaiting approval, newest first`}
            />
          );
        }}
      </QueryView>
    </section>
  );
}

function Running() {
  const trpc = useTRPC();
  const { names } = useRackNames();
  const fallback = useLiveFallback(ACTIVITY_POLL_MS);
  // Starts and ends come on the live stream; step progress does not, so poll while one runs.
  const running = useQuery(
    trpc.execution.list.queryOptions(
      { state: "running" },
      { refetchInterval: (q) => ((q.state.data?.length ?? 0) > 0 ? ACTIVITY_POLL_MS : fallback) },
    ),
  );
  return (
    <section aria-labelledby="dash-running">
      <h2 id="dash-running">Running</h2>
      <QueryView
        query={running}
        loading="Loading the running executions…"
        isEmpty={(l) => l.length === 0}
        empty="No execution is running."
      >
        {(l) => (
          <ExecutionsTable
            executions={l}
            rackNames={names}
            caption={`${l.length} running, with their steps so far`}
          />
        )}
      </QueryView>
    </section>
  );
}

function RecentFailures({ since }: { since: string }) {
  const trpc = useTRPC();
  const { names } = useRackNames();
  const refetchInterval = useLiveFallback(30_000);
  const failed = useQuery(
    trpc.execution.list.queryOptions({ state: "failed", since }, { refetchInterval }),
  );
  return (
    <section aria-labelledby="dash-failures">
      <h2 id="dash-failures">Recent failures</h2>
      <QueryView
        query={failed}
        loading="Loading recent failures…"
        isEmpty={(l) => l.length === 0}
        empty={`No execution failed in the last ${RECENT_FAILURES_DAYS} days.`}
      >
        {(l) => (
          <>
            <ExecutionsTable
              executions={l.slice(0, RECENT_FAILURES_SHOWN)}
              rackNames={names}
              caption={`${l.length} failed in the last ${RECENT_FAILURES_DAYS} days${l.length > RECENT_FAILURES_SHOWN ? `, the newest ${RECENT_FAILURES_SHOWN} shown` : ""}`}
            />
            <Link href="/executions?state=failed">All failed executions</Link>
          </>
        )}
      </QueryView>
    </section>
  );
}

/** Midnight UTC a week ago: a stable key, so the query is not refetched on every render. */
function weekAgo(): string {
  const d = new Date(Date.now() - RECENT_FAILURES_DAYS * 86_400_000);
  d.setUTCHours(0, 0, 0, 0);
  return d.toISOString();
}

/**
 * The home page: what needs me (an approver's queue first), what runs, each rack's health,
 * and what failed lately; the console's own status at the bottom.
 */
export function Dashboard() {
  return (
    <>
      <h1>Dashboard</h1>
      <SignedIn purpose="see your racks, approvals and executions">
        {(me) => (
          <div className="grid gap-6 [&_h2]:mt-0">
            <ApprovalQueue me={me} />
            <Running />
            <Racks />
            <RecentFailures since={weekAgo()} />
          </div>
        )}
      </SignedIn>
      <div className="mt-8 [&_h2]:mt-0">
        <h2>Console status</h2>
        <HealthStatus />
      </div>
    </>
  );
}
