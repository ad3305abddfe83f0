"use client";

import { useEffect, useMemo, useState } from "react";
import type { DependencyGraph } from "~/lib/graph/types";
import { graphSignature } from "./graph-signature";
import { layoutInputs, type SledBox, type SledLayoutInput } from "./layout";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol";
import { rankLayout } from "./rank-layout";

/** Every sled's box, sleds in id order; pack.ts places them. */
export type SledBoxes = ReadonlyArray<readonly [string, SledBox]>;

export type LayoutStatus =
  | { phase: "laying-out"; done: number; total: number }
  | { phase: "done" }
  | { phase: "failed"; message: string };

interface WorkerResult {
  inputs: SledLayoutInput[];
  status: LayoutStatus;
  boxes: SledBoxes | null;
}

/**
 * The same graph from another query (the plan in the other order) has the same signature:
 * keep the first object so the layout is not redone. Adjusting state during render is React's
 * documented way to derive state from a prop.
 */
export function useStableGraph(graph: DependencyGraph): DependencyGraph {
  const [stable, setStable] = useState(graph);
  const differs = stable !== graph && graphSignature(stable) !== graphSignature(graph);
  if (differs) setStable(graph);
  return differs ? graph : stable;
}

/**
 * A layout at once (rank-layout.ts, cheap), then elk's from a Web Worker when it is done. A
 * new graph terminates the old worker: nothing stale ever arrives.
 */
export function useGraphLayout(graph: DependencyGraph): {
  boxes: SledBoxes;
  status: LayoutStatus;
} {
  const inputs = useMemo(() => layoutInputs(graph), [graph]);
  const quick = useMemo(() => inputs.map((i) => [i.sledId, rankLayout(i)] as const), [inputs]);
  const [result, setResult] = useState<WorkerResult | null>(null);

  useEffect(() => {
    if (inputs.length === 0) return;
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url));
    const update = (status: LayoutStatus, boxes: SledBoxes | null = null) =>
      setResult({ inputs, status, boxes });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const message = event.data;
      if (message.type === "progress")
        update({ phase: "laying-out", done: message.done, total: message.total });
      else if (message.type === "done") update({ phase: "done" }, message.boxes);
      else update({ phase: "failed", message: message.message });
    };
    worker.onerror = (event) =>
      update({ phase: "failed", message: event.message || "the layout worker stopped" });
    const request: LayoutRequest = { type: "layout", requestId: 1, sleds: inputs };
    worker.postMessage(request);
    return () => worker.terminate();
  }, [inputs]);

  const current = result?.inputs === inputs ? result : null;
  const status: LayoutStatus = current?.status ?? {
    phase: "laying-out",
    done: 0,
    total: inputs.length,
  };
  return {
    boxes: current?.boxes ?? quick,
    status: inputs.length === 0 ? { phase: "done" } : status,
  };
}
