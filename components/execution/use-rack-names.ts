"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../trpc-provider";

/** rack id → name, for tables and the rack filter. */
export function useRackNames() {
  const trpc = useTRPC();
  const racks = useQuery(trpc.rack.list.queryOptions());
  const names = useMemo(() => new Map((racks.data ?? []).map((r) => [r.id, r.name])), [racks.data]);
  return { racks: racks.data ?? [], names };
}
