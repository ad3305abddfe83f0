"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import { useLive } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";
import type { RawBlueprintSummary } from "./raw-blueprint";
import { badgeClass, MARKER_TONE } from "../ui/tones";

/**
 * Blueprints Nexus served that the console could not read (blueprint.rawList): listed apart,
 * since they cannot be compared, edited, or be the parent or target of an execution.
 */
export function RawBlueprintList({ rackId, live }: { rackId: string; live: boolean }) {
  const trpc = useTRPC();
  const stream = useLive(); // new blueprints arrive on the live stream; poll only without it
  const raw = useQuery(
    trpc.blueprint.rawList.queryOptions({ rackId }, { refetchInterval: live && !stream && 3_000 }),
  );
  if (!raw.data || raw.data.length === 0) return null;
  return (
    <section aria-labelledby="raw-blueprints">
      <h2 id="raw-blueprints">Blueprints the console could not read</h2>
      <p className="muted">
        Kept as Nexus served them; they cannot be the parent or target of an execution. Open one to
        see its raw JSON and what was not understood.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Blueprint</th>
            <th scope="col">Parent</th>
            <th scope="col">Era</th>
            <th scope="col">Not understood</th>
            <th scope="col">Comment</th>
            <th scope="col">Fetched</th>
          </tr>
        </thead>
        <tbody>
          {raw.data.map((b) => (
            <RawRow key={b.id} b={b} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RawRow({ b }: { b: RawBlueprintSummary }) {
  return (
    <tr>
      <th scope="row">
        <Link href={`/blueprints/${b.id}`} className="mono" title={b.id}>
          {shortId(b.id)}
        </Link>{" "}
        <span className={badgeClass(MARKER_TONE["unreadable"])}>unreadable (raw)</span>
        {b.pruned && (
          <>
            {" "}
            <span className="badge">pruned by Nexus</span>
          </>
        )}
      </th>
      <td className="mono" title={b.parentId ?? undefined}>
        {b.parentId ? shortId(b.parentId) : "none"}
      </td>
      <td>{b.era}</td>
      <td>
        {b.issues
          .slice(0, 2)
          .map((i) => `${i.path || "(document)"}: ${i.message}`)
          .join("; ")}
        {b.issues.length > 2 && ` (+${b.issues.length - 2} more)`}
      </td>
      <td>{b.comment || <span className="muted">no comment</span>}</td>
      <td>{formatTime(b.fetchedAt)}</td>
    </tr>
  );
}
