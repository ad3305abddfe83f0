"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import type { BlueprintSummary } from "../api-types";
import { can, type SessionUser } from "../auth/can";
import { useLive } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";
import { DisabledAction } from "../ui/disabled-action";
import { QueryView } from "../ui/query-view";
import { diffHref } from "../url-state/diff-url";
import { CompareForm } from "./compare-form";
import { RawBlueprintList } from "./raw-blueprint-list";

/** A linked rack's history grows as Nexus's planner works: ask again this often (only while the live stream is down). */
export const LIVE_HISTORY_MS = 3_000;

/** The rack's blueprints, newest first, the current one marked in words. */
export function BlueprintHistory({ rackId, user }: { rackId: string; user: SessionUser }) {
  const trpc = useTRPC();
  const rack = useQuery(trpc.rack.byId.queryOptions({ rackId }));
  const linked = (rack.data?.nexus.instances.length ?? 0) > 0;
  const stream = useLive();
  const list = useQuery(
    trpc.blueprint.list.queryOptions(
      { rackId },
      { refetchInterval: linked && !stream && LIVE_HISTORY_MS },
    ),
  );
  const mayImport = can.importBlueprint(user);
  return (
    <>
      <div className="page-actions">
        {mayImport.ok ? (
          <Link href={`/racks/${rackId}/import`}>Import a blueprint</Link>
        ) : (
          <DisabledAction label="Import a blueprint" reason={mayImport.reason} />
        )}
        <Link href={`/racks/${rackId}`}>Sleds, inventory and Nexus</Link>
        {linked && (
          <span className="muted">
            Linked to Nexus: its new blueprints appear here as they come.
          </span>
        )}
      </div>
      <QueryView
        query={list}
        loading="Loading the blueprint history…"
        isEmpty={(bps) => bps.length === 0}
        empty="No blueprints yet: import one (an omicron Blueprint JSON) or link the rack to its Nexus to start."
      >
        {(bps) => (
          <>
            <CompareForm blueprints={bps} />
            <table className="data">
              <caption className="muted">Blueprint history, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Blueprint</th>
                  <th scope="col">Parent</th>
                  <th scope="col">Sleds / disks / datasets / zones</th>
                  <th scope="col">Creator</th>
                  <th scope="col">Comment</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {bps.map((bp) => (
                  <BlueprintRow key={bp.id} bp={bp} user={user} />
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
      <RawBlueprintList rackId={rackId} live={linked} />
    </>
  );
}

function BlueprintRow({ bp, user }: { bp: BlueprintSummary; user: SessionUser }) {
  const mayEdit = can.createChild(user);
  const { sleds, disks, datasets, zones } = bp.counts;
  return (
    <tr aria-current={bp.isCurrent ? "true" : undefined}>
      <th scope="row">
        <Link href={`/blueprints/${bp.id}`} className="mono" title={bp.id}>
          {shortId(bp.id)}
        </Link>
        {bp.isCurrent && <span className="current-mark"> ● current</span>}
        <div className="muted">
          {bp.source}
          {bp.pruned && (
            <>
              {" "}
              <span className="badge">pruned by Nexus</span>
            </>
          )}
        </div>
      </th>
      <td className="mono" title={bp.parentId ?? undefined}>
        {bp.parentId ? shortId(bp.parentId) : "none"}
      </td>
      <td>
        {sleds} / {disks} / {datasets} / {zones}
      </td>
      <td>{bp.creator}</td>
      <td>{bp.comment || <span className="muted">no comment</span>}</td>
      <td>{formatTime(bp.timeCreated)}</td>
      <td>
        <div className="row-actions">
          {bp.parentId ? (
            <Link
              href={diffHref({ parentId: bp.parentId, targetId: bp.id })}
              aria-label={`Diff from parent, blueprint ${shortId(bp.id)}`}
            >
              Diff from parent
            </Link>
          ) : null}
          {mayEdit.ok ? (
            <Link
              href={`/blueprints/${bp.id}/child`}
              aria-label={`Create child of blueprint ${shortId(bp.id)}`}
            >
              Create child
            </Link>
          ) : (
            <DisabledAction label="Create child" reason={mayEdit.reason} />
          )}
        </div>
      </td>
    </tr>
  );
}
