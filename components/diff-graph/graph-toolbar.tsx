"use client";

import type { ItemKind } from "~/lib/blueprint/model";
import { shortId } from "~/lib/blueprint/zones";
import type { ItemChangeKind } from "~/lib/graph/types";
import {
  CHANGE_KINDS,
  hasActiveFilters,
  ITEM_KINDS,
  NO_FILTERS,
  type GraphFilters,
} from "./graph-filters";
import { CHANGE_BADGE } from "./to-flow";
import { Field } from "../ui/field";

interface Props {
  sledIds: readonly string[];
  filters: GraphFilters;
  onChange: (filters: GraphFilters) => void;
  shown: number;
  total: number;
  matches: readonly string[];
  /** Brings the matches into view (expanding the sleds that hold them). */
  onShowMatches: () => void;
}

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export function GraphToolbar({
  sledIds,
  filters,
  onChange,
  shown,
  total,
  matches,
  onShowMatches,
}: Props) {
  const searching = filters.search.trim() !== "";
  const focused = filters.sleds.length === 1 ? (filters.sleds[0] ?? "") : "";
  return (
    <div className="graph-toolbar" role="group" aria-label="Graph filters">
      <Field label={"Search by id or type"}>
        {(id) => (
          <input
            id={id}
            type="search"
            value={filters.search}
            placeholder="e.g. crucible or 1a2b"
            onChange={(e) => onChange({ ...filters, search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter" && matches.length > 0) onShowMatches();
            }}
          />
        )}
      </Field>
      <button
        type="button"
        disabled={matches.length === 0}
        title={
          matches.length === 0
            ? searching
              ? "Nothing matches the search"
              : "Type a search first"
            : undefined
        }
        onClick={onShowMatches}
      >
        Show matches
      </button>
      <Field label={"Focus on sled"}>
        {(id) => (
          <select
            id={id}
            value={focused}
            onChange={(e) =>
              onChange({ ...filters, sleds: e.target.value ? [e.target.value] : [] })
            }
          >
            <option value="">All sleds ({sledIds.length})</option>
            {sledIds.map((id) => (
              <option key={id} value={id}>
                sled {shortId(id)} ({id})
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckGroup<ItemKind>
        legend="Kind"
        values={ITEM_KINDS}
        checked={filters.kinds}
        label={(k) => k}
        onToggle={(k) => onChange({ ...filters, kinds: toggle(filters.kinds, k) })}
      />
      <CheckGroup<ItemChangeKind>
        legend="Change"
        values={CHANGE_KINDS}
        checked={filters.changes}
        label={(c) => CHANGE_BADGE[c]}
        onToggle={(c) => onChange({ ...filters, changes: toggle(filters.changes, c) })}
      />
      <button
        type="button"
        disabled={!hasActiveFilters(filters) && !searching}
        title={!hasActiveFilters(filters) && !searching ? "No filter is set" : undefined}
        onClick={() => onChange(NO_FILTERS)}
      >
        Clear filters
      </button>
      <p className="muted" role="status">
        {shown} of {total} items shown
        {searching && `, ${matches.length} matching “${filters.search.trim()}”`}
      </p>
    </div>
  );
}

interface CheckGroupProps<T extends string> {
  legend: string;
  values: readonly T[];
  checked: readonly T[];
  label: (value: T) => string;
  onToggle: (value: T) => void;
}

/** Nothing checked means everything is shown, as the legend says. */
function CheckGroup<T extends string>({
  legend,
  values,
  checked,
  label,
  onToggle,
}: CheckGroupProps<T>) {
  return (
    <fieldset className="check-group">
      <legend>{legend} (none checked: all)</legend>
      {values.map((v) => (
        <label key={v}>
          <input type="checkbox" checked={checked.includes(v)} onChange={() => onToggle(v)} />{" "}
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}
