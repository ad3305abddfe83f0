"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { shortId } from "~/lib/blueprint/zones";
import type { BlueprintSummary } from "../api-types";
import { diffHref } from "../url-state/diff-url";
import { Field } from "../ui/field";

/** Any parent → target pair of this rack, not only a blueprint and its parent. */
export function CompareForm({ blueprints }: { blueprints: BlueprintSummary[] }) {
  const router = useRouter();
  const current = blueprints.find((b) => b.isCurrent) ?? blueprints[blueprints.length - 1];
  const newest = blueprints[0];
  const [parentId, setParentId] = useState(current?.id ?? "");
  const [targetId, setTargetId] = useState(newest?.id ?? "");
  const reason =
    blueprints.length < 2
      ? "The rack has only one blueprint"
      : parentId === targetId
        ? "Pick two different blueprints"
        : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason === null) router.push(diffHref({ parentId, targetId }));
  };
  const option = (b: BlueprintSummary) => (
    <option key={b.id} value={b.id}>
      {shortId(b.id)} {b.isCurrent ? "(current) " : ""}— {b.comment || b.source}
    </option>
  );
  return (
    <form className="page-actions" onSubmit={submit} aria-label="Compare two blueprints">
      <Field label={"Parent (what runs now)"}>
        {(id) => (
          <select id={id} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            {blueprints.map(option)}
          </select>
        )}
      </Field>
      <Field label={"Target"}>
        {(id) => (
          <select id={id} value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            {blueprints.map(option)}
          </select>
        )}
      </Field>
      <button type="submit" disabled={reason !== null} title={reason ?? undefined}>
        Show diff
      </button>
      {reason && <span className="muted">{reason}.</span>}
    </form>
  );
}
