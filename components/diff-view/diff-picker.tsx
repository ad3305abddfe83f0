"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CompareForm } from "../blueprints/compare-form";
import { useTRPC } from "../trpc-provider";
import { QueryView } from "../ui/query-view";

/**
 * Any two blueprints of any rack: a rack, then the rack history's own compare form (the rack
 * of the diff on screen first, when there is one).
 */
export function DiffPicker({ rackId }: { rackId?: string }) {
  const trpc = useTRPC();
  const selectId = useId();
  const racks = useQuery(trpc.rack.list.queryOptions());
  const [chosen, setChosen] = useState("");
  const rack = chosen || rackId || racks.data?.[0]?.id || "";
  const blueprints = useQuery(
    trpc.blueprint.list.queryOptions({ rackId: rack }, { enabled: rack !== "" }),
  );
  return (
    <QueryView
      query={racks}
      loading="Loading the racks…"
      isEmpty={(l) => l.length === 0}
      empty="No racks yet: add one and import its blueprints first."
    >
      {(list) => (
        <div className="diff-picker">
          <label className="field" htmlFor={selectId}>
            Rack
            <select id={selectId} value={rack} onChange={(e) => setChosen(e.target.value)}>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <QueryView query={blueprints} loading="Loading the rack's blueprints…">
            {(bps) => <CompareForm key={rack} blueprints={bps} />}
          </QueryView>
        </div>
      )}
    </QueryView>
  );
}
