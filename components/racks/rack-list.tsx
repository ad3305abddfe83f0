"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import { useTRPC } from "../trpc-provider";
import { QueryView } from "../ui/query-view";
import { formatTime, plural } from "../ui/format";

export function RackList() {
  const trpc = useTRPC();
  const racks = useQuery(trpc.rack.list.queryOptions());
  return (
    <QueryView
      query={racks}
      loading="Loading racks…"
      isEmpty={(list) => list.length === 0}
      empty="No racks yet. `npm start` seeds the demo rack; an operator can add one below and import its first blueprint."
    >
      {(list) => (
        <table className="data">
          <caption className="muted">Racks this console manages</caption>
          <thead>
            <tr>
              <th scope="col">Rack</th>
              <th scope="col">Current blueprint</th>
              <th scope="col">Sled agents</th>
              <th scope="col">Blueprints</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link href={`/racks/${r.id}`}>{r.name}</Link>
                </th>
                <td className="mono" title={r.currentBlueprintId ?? undefined}>
                  {r.currentBlueprintId ? shortId(r.currentBlueprintId) : "none yet"}
                </td>
                <td>{r.sledAgentCount}</td>
                <td>
                  <Link href={`/racks/${r.id}/blueprints`}>
                    {plural(r.blueprintCount, "blueprint")}
                  </Link>
                </td>
                <td>{formatTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}
