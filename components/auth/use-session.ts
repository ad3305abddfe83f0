"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc-provider";

/** The signed-in user (`data` is null when nobody is): every page asks this first. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 30_000 }));
}
