"use client";

import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import type { RouterOutputs } from "../api-types";
import { formatTime } from "../ui/format";
import { badgeClass, MARKER_TONE } from "../ui/tones";

type RawBlueprint = RouterOutputs["blueprint"]["raw"];
export type RawBlueprintSummary = RawBlueprint["blueprint"];

/**
 * Why a blueprint is shown raw: the console could not read it (an era it does not know), so it
 * kept it as Nexus served it. Failing closed: it has no model, so no execution can start from
 * it or go to it (the server refuses both; there is nothing to diff or plan).
 */
export function RawBanner({ blueprint }: { blueprint: RawBlueprintSummary }) {
  return (
    <div className="error-box" role="note" aria-label="Blueprint the console could not read">
      <p>
        <strong>The console could not read this blueprint</strong> ({blueprint.era} era). It is kept
        exactly as Nexus served it and cannot be the parent or target of an execution.
      </p>
      <p>Not understood:</p>
      <ul className="findings">
        {blueprint.issues.map((i) => (
          <li key={`${i.path}:${i.message}`}>
            <code>{i.path || "(the whole document)"}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RawBlueprintView({ data }: { data: RawBlueprint }) {
  const bp = data.blueprint;
  return (
    <>
      <h1>
        Blueprint <span className="mono">{shortId(bp.id)}</span>{" "}
        <span className={badgeClass(MARKER_TONE["unreadable"])}>unreadable (raw)</span>
        {bp.pruned && (
          <>
            {" "}
            <span className="badge">pruned by Nexus</span>
          </>
        )}
      </h1>
      <RawBanner blueprint={bp} />
      <dl className="plan-facts">
        <dt>Id</dt>
        <dd className="mono">{bp.id}</dd>
        <dt>Parent</dt>
        <dd className="mono">{bp.parentId ?? "none"}</dd>
        <dt>Comment</dt>
        <dd>{bp.comment || <span className="muted">no comment</span>}</dd>
        <dt>Created</dt>
        <dd>{bp.timeCreated ? formatTime(bp.timeCreated) : "unknown"}</dd>
        <dt>Fetched from Nexus</dt>
        <dd>{formatTime(bp.fetchedAt)}</dd>
      </dl>
      <p>
        <Link href={`/racks/${bp.rackId}/blueprints`}>The rack&apos;s blueprints</Link>
      </p>
      <h2>As Nexus served it</h2>
      <pre className="diff-text" tabIndex={0} role="region" aria-label="Raw blueprint JSON">
        {JSON.stringify(data.raw, null, 2)}
      </pre>
    </>
  );
}
