"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SignedIn } from "../auth/signed-in";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { plural } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { ExecutionsNav } from "./executions-nav";
import { ExecutionsTable } from "./executions-table";
import { filtersToSearch, parseFilters, toListInput, type HistoryFilters } from "./history-filters";
import { HistoryFiltersForm } from "./history-filters-form";
import { useRackNames } from "./use-rack-names";
import "./execution.css";

function History() {
  const trpc = useTRPC();
  const fallback = useLiveFallback(10_000); // the live stream refetches it otherwise
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseFilters(useSearchParams());
  const { racks, names } = useRackNames();
  const list = useQuery(
    trpc.execution.list.queryOptions(toListInput(filters), { refetchInterval: fallback }),
  );
  const onChange = (f: HistoryFilters) =>
    router.replace(`${pathname}${filtersToSearch(f)}`, { scroll: false });
  return (
    <>
      <HistoryFiltersForm filters={filters} racks={racks} onChange={onChange} />
      <QueryView
        query={list}
        loading="Loading executions…"
        isEmpty={(l) => l.length === 0}
        empty="No execution matches these filters."
      >
        {(l) => (
          <ExecutionsTable
            executions={l}
            rackNames={names}
            caption={`${plural(l.length, "execution")}, newest first${l.length === 100 ? " (the latest 100)" : ""}`}
          />
        )}
      </QueryView>
    </>
  );
}

/** Every execution, filtered by state, requester, rack and date (all in the URL). */
export function HistoryPage() {
  return (
    <>
      <h1>Executions</h1>
      <ExecutionsNav />
      <SignedIn purpose="see the executions">{() => <History />}</SignedIn>
    </>
  );
}
