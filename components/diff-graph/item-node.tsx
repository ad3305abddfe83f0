"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { shortId } from "~/lib/blueprint/zones";
import { CHANGE_BADGE, FAIL_BADGE, type ItemFlowNode } from "./to-flow";
import { badgeClass, CHANGE_TONE, MARKER_TONE } from "../ui/tones";

/** Shapes differ per kind (see globals.css `.item-node.kind-*`); text says the kind as well. */
function ItemNodeView({ data }: NodeProps<ItemFlowNode>) {
  const { item, failing } = data;
  return (
    <div className="item-node-body" title={failing.length > 0 ? failing.join("\n") : item.label}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="item-node-row">
        <span className="item-kind">{item.kind}</span>
        <span className={badgeClass(CHANGE_TONE[item.change])}>{CHANGE_BADGE[item.change]}</span>
      </div>
      <div className="item-node-type">{displayType(item.type)}</div>
      <div className="item-node-row">
        <span className="item-node-id">{shortId(item.itemId)}</span>
        {failing.length > 0 && (
          <span className={badgeClass(MARKER_TONE["would-fail"])}>{FAIL_BADGE}</span>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

/** `zone/oxz_crucible_<uuid>` is long: the zone root's uuid is the zone's, shown elsewhere. */
function displayType(type: string): string {
  const root = /^zone\/oxz_([a-z_]+)_[0-9a-f-]{36}$/.exec(type);
  return root ? `zone root (${root[1]})` : type;
}

export const ItemNode = memo(ItemNodeView);
