"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { shortId } from "../../lib/blueprint/zones";
import type { SledFlowNode } from "./to-flow";

function SledNodeView({ data }: NodeProps<SledFlowNode>) {
  const { counts, failing } = data;
  const parts = [
    counts.added > 0 && `+${counts.added} added`,
    counts.removed > 0 && `−${counts.removed} expunged`,
    counts.modified > 0 && `~${counts.modified} modified`,
    failing > 0 && `! ${failing} would fail`,
  ].filter(Boolean);
  return (
    <div className="sled-node-title" title={data.sledId}>
      <strong>sled {shortId(data.sledId)}</strong> <span>{parts.join(" · ")}</span>
    </div>
  );
}

export const SledNode = memo(SledNodeView);
