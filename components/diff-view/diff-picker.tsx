"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { shortId } from "~/lib/blueprint/zones";
import { useTRPC } from "../trpc-provider";
import { formatTime } from "../ui/format";

interface Props {
  /** Preselected pair, e.g. the diff on screen. */
  parentId?: string | null;
  targetId?: string | null;
  onCompare: (parentId: string, targetId: string) => void;
}

interface Choice {
  id: string;
  comment: string;
  timeCreated: string;
  isCurrent: boolean;
}

const label = (b: Choice) =>
  `${shortId(b.id)}${b.isCurrent ? " (current)" : ""} · ${formatTime(b.timeCreated)}${b.comment ? ` · ${b.comment.slice(0, 60)}` : ""}`;

/** Any two blueprints of a rack, newest first: the parent (before) and the target (after). */
export function DiffPicker({ parentId, targetId, onCompare }: Props) {
  const trpc = useTRPC();
  const ids = useId();
  const racks = useQuery(trpc.rack.list.queryOptions());
  // The rack of the diff on screen, if any; else the first rack.
  const shown = useQuery(
    trpc.blueprint.byId.queryOptions({ id: parentId ?? "" }, { enabled: !!parentId }),
  );
  const [rackId, setRackId] = useState<string>("");
  const rack = rackId || shown.data?.blueprint.rackId || racks.data?.[0]?.id || "";
  const blueprints = useQuery(
    trpc.blueprint.list.queryOptions({ rackId: rack }, { enabled: rack !== "" }),
  );
  const list = [...(blueprints.data ?? [])].sort((a, b) =>
    a.timeCreated < b.timeCreated ? 1 : a.timeCreated > b.timeCreated ? -1 : 0,
  );
  const [before, setBefore] = useState(parentId ?? "");
  const [after, setAfter] = useState(targetId ?? "");
  // Defaults once the list is there: the newest blueprint, from its parent (or the next one).
  const targetChoice = after || list[0]?.id || "";
  const targetParent = list.find((b) => b.id === targetChoice)?.parentId;
  const parentChoice =
    before ||
    (list.some((b) => b.id === targetParent) ? (targetParent ?? "") : "") ||
    list.find((b) => b.id !== targetChoice)?.id ||
    "";
  const same = parentChoice !== "" && parentChoice === targetChoice;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parentChoice && targetChoice && !same) onCompare(parentChoice, targetChoice);
  };
  if (racks.data?.length === 0)
    return <p className="muted">No racks yet: import a blueprint first.</p>;
  return (
    <form className="inline-form diff-picker" onSubmit={submit} aria-label="Choose two blueprints">
      <label className="field" htmlFor={`${ids}-rack`}>
        Rack
        <select
          id={`${ids}-rack`}
          value={rack}
          onChange={(e) => {
            setRackId(e.target.value);
            setBefore("");
            setAfter("");
          }}
        >
          {(racks.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${ids}-parent`}>
        From (parent)
        <select
          id={`${ids}-parent`}
          value={parentChoice}
          onChange={(e) => setBefore(e.target.value)}
          disabled={list.length === 0}
        >
          {list.map((b) => (
            <option key={b.id} value={b.id}>
              {label(b)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${ids}-target`}>
        To (target)
        <select
          id={`${ids}-target`}
          value={targetChoice}
          onChange={(e) => setAfter(e.target.value)}
          disabled={list.length === 0}
        >
          {list.map((b) => (
            <option key={b.id} value={b.id}>
              {label(b)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={!parentChoice || !targetChoice || same}>
        Compare
      </button>
      {same && <span className="muted">Choose two different blueprints.</span>}
      {blueprints.isSuccess && list.length < 2 && (
        <span className="muted">This rack has fewer than two blueprints.</span>
      )}
    </form>
  );
}
