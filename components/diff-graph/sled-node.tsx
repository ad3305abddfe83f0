"use client";

import type { NodeProps } from "@xyflow/react";
import { createContext, memo, useContext } from "react";
import { shortId } from "~/lib/blueprint/zones";
import type { SledFlowNode } from "./to-flow";

/** What a sled's title offers in the overview of a large graph (overview.ts). */
export interface SledActions {
  /** Sleds can collapse: the graph is large. */
  overview: boolean;
  collapse: (sledId: string) => void;
}

export const SledActionsContext = createContext<SledActions>({
  overview: false,
  collapse: () => {},
});

function SledNodeView({ data }: NodeProps<SledFlowNode>) {
  const { counts, failing, kinds, matches } = data;
  const actions = useContext(SledActionsContext);
  const changes = [
    counts.added > 0 && `+${counts.added} added`,
    counts.removed > 0 && `−${counts.removed} expunged`,
    counts.modified > 0 && `~${counts.modified} modified`,
    failing > 0 && `! ${failing} would fail`,
  ].filter(Boolean);
  if (data.collapsed) {
    const byKind = [
      kinds.disk > 0 && `${kinds.disk} disk${kinds.disk === 1 ? "" : "s"}`,
      kinds.dataset > 0 && `${kinds.dataset} dataset${kinds.dataset === 1 ? "" : "s"}`,
      kinds.zone > 0 && `${kinds.zone} zone${kinds.zone === 1 ? "" : "s"}`,
    ].filter(Boolean);
    return (
      <div className="sled-node-summary" title={data.sledId}>
        <strong>sled {shortId(data.sledId)}</strong>
        <span>{changes.join(" · ")}</span>
        <span className="muted">{byKind.join(" · ")}</span>
        {matches > 0 && <span className="sled-node-matches">{matches} matching</span>}
        <span className="sled-node-expand">Select to expand ▸</span>
      </div>
    );
  }
  return (
    <div className="sled-node-title" title={data.sledId}>
      <strong>sled {shortId(data.sledId)}</strong> <span>{changes.join(" · ")}</span>
      {actions.overview && (
        <button
          type="button"
          className="sled-node-collapse nodrag nopan"
          aria-label={`Collapse sled ${shortId(data.sledId)}`}
          onClick={(event) => {
            event.stopPropagation();
            actions.collapse(data.sledId);
          }}
        >
          Collapse
        </button>
      )}
    </div>
  );
}

export const SledNode = memo(SledNodeView);
