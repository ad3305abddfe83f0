"use client";

import { useQuery } from "@tanstack/react-query";
import { EXECUTION_STATES, type ExecutionState } from "~/lib/execution/state-machine";
import { useTRPC } from "../trpc-provider";
import { stateWords } from "./format";
import type { HistoryFilters } from "./history-filters";
import { UserSelect } from "./user-select";

interface Props {
  filters: HistoryFilters;
  racks: readonly { id: string; name: string }[];
  onChange: (f: HistoryFilters) => void;
}

/** State, requester, rack and date range; every change goes to the URL. */
export function HistoryFiltersForm({ filters, racks, onChange }: Props) {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const set = (patch: Partial<HistoryFilters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        State
        <select
          value={filters.state ?? ""}
          onChange={(e) =>
            set({
              state: (e.target.value || undefined) as
                ExecutionState | undefined /* options are EXECUTION_STATES */,
            })
          }
        >
          <option value="">any</option>
          {EXECUTION_STATES.map((s) => (
            <option key={s} value={s}>
              {stateWords(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Requester
        <UserSelect
          users={users.data ?? []}
          value={filters.requestedById}
          onChange={(id) => set({ requestedById: id })}
        />
      </label>
      <label className="field">
        Rack
        <select
          value={filters.rackId ?? ""}
          onChange={(e) => set({ rackId: e.target.value || undefined })}
        >
          <option value="">any</option>
          {racks.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        From (UTC day)
        <input
          type="date"
          value={filters.from ?? ""}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </label>
      <label className="field">
        To (UTC day)
        <input
          type="date"
          value={filters.to ?? ""}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </label>
      <button
        type="button"
        onClick={() => onChange({})}
        disabled={Object.keys(filters).length === 0}
      >
        Clear filters
      </button>
    </form>
  );
}
