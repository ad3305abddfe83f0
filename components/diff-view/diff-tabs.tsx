"use client";

import type { MouseEvent } from "react";
import { diffHref, type DiffUrlState, type DiffView } from "../url-state/diff-url";

const TABS: readonly [DiffView, string][] = [
  ["summary", "Summary"],
  ["tables", "Per-sled tables"],
  ["text", "Text"],
  ["graph", "Dependency graph"],
  ["plan", "Plan"],
];

/** Views of one diff as links: each has its own URL, so it can be shared and opened in a new tab. */
export function DiffTabs({
  state,
  onSelect,
}: {
  state: DiffUrlState;
  onSelect: (view: DiffView) => void;
}) {
  const click = (view: DiffView) => (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // let the browser open a new tab
    e.preventDefault();
    onSelect(view);
  };
  return (
    <nav aria-label="Diff views" className="diff-tabs">
      {TABS.map(([view, label]) => (
        <a
          key={view}
          href={diffHref({ ...state, view })}
          aria-current={state.view === view ? "page" : undefined}
          onClick={click(view)}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}
