/**
 * Which queries a live event makes stale (components/live/live-events.tsx invalidates them).
 * Pure: the query keys come from the caller (tRPC's `pathKey` / `queryKey`).
 */
import type { QueryKey } from "@tanstack/react-query";
import type { LiveEvent } from "../api-types";

export interface KeyPaths {
  executionList: QueryKey;
  executionById: (executionId: string) => QueryKey;
  audit: QueryKey;
  blueprintLists: QueryKey;
  blueprintList: (rackId: string) => QueryKey;
  rawList: (rackId: string) => QueryKey;
  rackList: QueryKey;
  rackById: (rackId: string) => QueryKey;
  rackInventory: (rackId: string) => QueryKey;
  rackActivity: QueryKey;
  targetHistory: QueryKey;
  nexusExecutor: QueryKey;
}

export function staleKeys(e: LiveEvent, k: KeyPaths): QueryKey[] {
  switch (e.kind) {
    case "hello":
      // Back after an outage: whatever the stream carries may have changed (not the
      // inventory: that is live calls to every sled agent, refetched on its own schedule).
      return [
        k.executionList,
        k.audit,
        k.blueprintLists,
        k.rackList,
        k.rackActivity,
        k.targetHistory,
      ];
    case "execution":
      return [k.executionList, k.executionById(e.executionId), k.audit, k.nexusExecutor];
    case "approval":
      return [k.executionList];
    case "blueprint":
      return [k.blueprintList(e.rackId), k.rawList(e.rackId), k.rackList];
    case "target":
      // Drift is against the current blueprint: the rack's inventory changes meaning with it.
      return [
        k.rackById(e.rackId),
        k.rackList,
        k.rackInventory(e.rackId),
        k.blueprintList(e.rackId),
        k.rackActivity,
        k.targetHistory,
      ];
  }
}
