"use client";

import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type Dispatch,
  type SetStateAction,
} from "react";
import type { DependencyGraph } from "~/lib/graph/types";
import type { GraphFilters } from "./graph-filters";
import {
  collapsedSleds,
  expansionChunks,
  OVERVIEW_THRESHOLD,
  shownPerSled,
  type SledCount,
} from "./overview";

export interface SledExpansion {
  /** The graph is large enough to open as the overview (sleds can collapse). */
  overview: boolean;
  /** Sleds drawn as one summary node each. */
  collapsed: ReadonlySet<string>;
  /** Sleds queued to be drawn: they already keep the place their items will take. */
  pending: ReadonlySet<string>;
  /** Sleds of the current "expand" drawn so far; null when nothing is pending. */
  expanding: { done: number; total: number } | null;
  /** Draws these sleds item by item: at once if they are few, else one chunk per frame. */
  expand: (sledIds: readonly string[]) => void;
  expandAll: () => void;
  collapse: (sledId: string) => void;
  collapseAll: () => void;
}

interface State {
  graph: DependencyGraph;
  expanded: ReadonlySet<string>;
  /** Chunks of sleds still to expand, and how many sleds this run of chunks had. */
  queue: string[][];
  total: number;
}

const fresh = (graph: DependencyGraph): State => ({
  graph,
  expanded: new Set(),
  queue: [],
  total: 0,
});

/**
 * Which sleds of a large graph are drawn item by item. Expanding many sleds at once adds one
 * chunk (overview.ts ITEMS_PER_CHUNK items) per frame, so the page keeps answering while a
 * whole rack is drawn. A new graph starts collapsed again.
 */
export function useSledExpansion(graph: DependencyGraph, filters: GraphFilters): SledExpansion {
  const [state, setState] = useState<State>(() => fresh(graph));
  const current = state.graph === graph ? state : fresh(graph);
  if (current !== state) setState(current);
  const sleds = useMemo(() => shownPerSled(graph, filters), [graph, filters]);
  const collapsed = useMemo(
    () => collapsedSleds(sleds, current.expanded),
    [sleds, current.expanded],
  );
  useNextChunkPerFrame(state.queue, setState);

  const expand = useCallback(
    (sledIds: readonly string[]) => setState((s) => withExpansion(s, sleds, sledIds)),
    [sleds],
  );
  const expandAll = useCallback(() => expand(sleds.map((s) => s.sledId)), [expand, sleds]);
  const collapse = useCallback((sledId: string) => setState((s) => withoutSled(s, sledId)), []);
  const collapseAll = useCallback(
    () => setState((s) => ({ ...s, expanded: new Set(), queue: [], total: 0 })),
    [],
  );

  const pending = useMemo(() => new Set(current.queue.flat()), [current.queue]);
  return {
    overview: graph.nodes.length > OVERVIEW_THRESHOLD,
    collapsed,
    pending,
    expanding: progress(current),
    expand,
    expandAll,
    collapse,
    collapseAll,
  };
}

/** While chunks are queued, expands the next one after the browser has painted the last. */
function useNextChunkPerFrame(
  queue: readonly string[][],
  setState: Dispatch<SetStateAction<State>>,
): void {
  useEffect(() => {
    if (queue.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setState(withNextChunk));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [queue, setState]);
}

function withNextChunk(s: State): State {
  const [next, ...rest] = s.queue;
  if (!next) return s;
  return { ...s, expanded: new Set([...s.expanded, ...next]), queue: rest };
}

/** Those of `sledIds` not yet expanded or queued: the first chunk expanded, the rest queued. */
function withExpansion(s: State, sleds: readonly SledCount[], sledIds: readonly string[]): State {
  const wanted = new Set(sledIds);
  const pending = new Set(s.queue.flat());
  const todo: SledCount[] = sleds.filter(
    (c) => wanted.has(c.sledId) && !s.expanded.has(c.sledId) && !pending.has(c.sledId),
  );
  if (todo.length === 0) return s;
  const [first, ...rest] = expansionChunks(todo);
  // The first chunk at once: one sled opens without waiting for a frame.
  const expanded = new Set([...s.expanded, ...(first ?? [])]);
  const queue = [...s.queue, ...rest];
  const total = (s.queue.length === 0 ? 0 : s.total) + todo.length;
  return { ...s, expanded, queue, total };
}

function withoutSled(s: State, sledId: string): State {
  return {
    ...s,
    expanded: new Set([...s.expanded].filter((id) => id !== sledId)),
    queue: s.queue.map((chunk) => chunk.filter((id) => id !== sledId)).filter((c) => c.length),
  };
}

function progress(s: State): SledExpansion["expanding"] {
  return s.queue.length > 0 ? { done: s.total - s.queue.flat().length, total: s.total } : null;
}
