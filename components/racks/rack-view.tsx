"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { shortId } from "~/lib/blueprint/zones";
import type { ReconcilerView } from "~/lib/sled/reconciler-view";
import type { SledInventory } from "../api-types";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { ExecutorDisabledBanner } from "../nexus/executor-disabled-banner";
import { NEXUS_REFRESH_MS, NexusPanel } from "./nexus-panel";
import { RackPolicy } from "./rack-policy";
import { SledAgentForm } from "./sled-agent-form";
import { SledDrift } from "./sled-drift";

const LEDGERS = ["config", "disks", "datasets", "zones"] as const;

function generations(sled: SledInventory): string {
  const parts = LEDGERS.filter((l) => sled.generations[l] !== undefined).map(
    (l) => `${l} ${sled.generations[l]}`,
  );
  return parts.length > 0 ? parts.join(" · ") : "—";
}

/** Each sled as its agent reports it now, against the rack's current blueprint. */
export function RackView({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  // A linked rack's target and current blueprint change under us: ask again, cheaply (no agent is read).
  const rack = useQuery(
    trpc.rack.byId.queryOptions(
      { rackId },
      {
        refetchInterval: (q) =>
          (q.state.data?.nexus.instances.length ?? 0) > 0 ? NEXUS_REFRESH_MS : false,
      },
    ),
  );
  const inventory = useQuery(trpc.rack.inventory.queryOptions({ rackId }, { staleTime: 0 }));
  // Drift is against the current blueprint: read the agents again when Nexus's target moves it.
  const current = rack.data?.currentBlueprintId;
  const refetchInventory = inventory.refetch;
  const seen = useRef(current);
  useEffect(() => {
    if (seen.current === current) return;
    const first = seen.current === undefined;
    seen.current = current;
    if (!first) void refetchInventory();
  }, [current, refetchInventory]);
  return (
    <QueryView query={rack} loading="Loading the rack…">
      {(r) => (
        <>
          <h1>Rack {r.name}</h1>
          <div className="page-actions">
            <span>
              Current blueprint:{" "}
              {r.currentBlueprintId ? (
                <Link href={`/blueprints/${r.currentBlueprintId}`} className="mono">
                  {r.currentBlueprintId}
                </Link>
              ) : (
                "none yet"
              )}
            </span>
            <Link href={`/racks/${rackId}/blueprints`}>Blueprints ({r.blueprintCount})</Link>
            <Link href={`/racks/${rackId}/activity`}>Update activity</Link>
            <button
              type="button"
              onClick={() => void inventory.refetch()}
              disabled={inventory.isFetching}
            >
              {inventory.isFetching ? "Reading inventories…" : "Read inventories again"}
            </button>
          </div>
          <QueryView
            query={inventory}
            loading="Reading every sled agent's inventory (up to 3 s per unreachable agent)…"
            isEmpty={(inv) => inv.sleds.length === 0}
            empty="This rack has no sleds yet: import a blueprint or register sled agents."
          >
            {(inv) => (
              <>
                <SledTable sleds={inv.sleds} readAt={inv.readAt} />
                <h2>Sled agents</h2>
                <SledAgentForm rackId={rackId} sleds={inv.sleds} />
              </>
            )}
          </QueryView>
          <ExecutorDisabledBanner rackId={rackId} />
          <NexusPanel rackId={rackId} nexus={r.nexus} />
          <RackPolicy rackId={rackId} />
        </>
      )}
    </QueryView>
  );
}

const RECONCILER_WORDS: Record<ReconcilerView["state"], string> = {
  "not-yet-run": "reconciler has not run yet",
  reconciling: "reconciling",
  behind: "behind",
  failing: "failing",
  reconciled: "reconciled",
};

/** The sled's config reconciler in words: its state, since when, and each failing item. */
function ReconcilerLine({ view }: { view: ReconcilerView }) {
  const gens =
    view.state === "behind"
      ? ` (holds generation ${view.ledgeredGeneration}, reconciled ${view.reconciledGeneration ?? "none"})`
      : view.reconciledGeneration !== null
        ? ` generation ${view.reconciledGeneration}`
        : "";
  return (
    <div className={view.state === "failing" ? "error-text" : "muted"} data-testid="reconciler">
      {RECONCILER_WORDS[view.state]}
      {gens}
      {view.since && ` since ${formatTime(view.since)}`}
      {view.failing.length > 0 && (
        <ul>
          {view.failing.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SledTable({ sleds, readAt }: { sleds: SledInventory[]; readAt: string }) {
  return (
    <table className="data">
      <caption className="muted">Sleds, read at {formatTime(readAt)}</caption>
      <thead>
        <tr>
          <th scope="col">Sled</th>
          <th scope="col">Agent address</th>
          <th scope="col">Profile</th>
          <th scope="col">Reachable</th>
          <th scope="col">Ledgered generations</th>
          <th scope="col">Drift against the current blueprint</th>
        </tr>
      </thead>
      <tbody>
        {sleds.map((s) => (
          <tr key={s.sledId}>
            <th scope="row" className="mono" title={s.sledId}>
              {shortId(s.sledId)}
            </th>
            <td className="mono">{s.address ?? "unknown"}</td>
            <td>{s.profile ?? "—"}</td>
            <td>
              {s.decommissioned
                ? "decommissioned: no longer read"
                : s.reachable
                  ? "✓ reachable"
                  : `✗ unreachable: ${s.error ?? "no answer"}`}
            </td>
            <td>
              {generations(s)}
              {s.reconciler && <ReconcilerLine view={s.reconciler.view} />}
            </td>
            <td>
              <SledDrift drift={s.drift} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
