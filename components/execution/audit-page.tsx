"use client";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { RouterOutputs } from "../api-types";
import { SignedIn } from "../auth/signed-in";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { formatTime, plural } from "../ui/format";
import { DataTable } from "../ui/data-table";
import { QueryView } from "../ui/query-view";
import { Uuid } from "../ui/uuid";
import {
  AUDIT_ACTIONS,
  auditSearch,
  describeDetails,
  parseAuditFilters,
  type AuditFilters,
} from "./audit-filters";
import { ExecutionsNav } from "./executions-nav";
import { shortId } from "./format";
import "./execution.css";
import { UserSelect } from "./user-select";

type AuditEntry = RouterOutputs["execution"]["audit"][number];
const column = createColumnHelper<AuditEntry>();

const AUDIT_COLUMNS = [
  column.accessor("at", {
    header: "Time",
    meta: { className: "whitespace-nowrap" },
    cell: ({ getValue }) => <time dateTime={getValue()}>{formatTime(getValue())}</time>,
  }),
  column.accessor("actorName", { header: "Actor" }),
  column.accessor("action", { header: "Action", meta: { className: "mono" } }),
  column.accessor((a) => a.executionId ?? "", {
    id: "execution",
    header: "Execution",
    meta: { width: "9rem" },
    cell: ({ getValue }) => {
      const id = getValue();
      return id ? <Uuid id={id} href={`/executions/${id}`} short /> : "–";
    },
  }),
  column.display({
    id: "details",
    header: "Details",
    cell: ({ row }) => describeDetails(row.original.details),
  }),
];

function AuditLog() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseAuditFilters(useSearchParams());
  const users = useQuery(trpc.user.list.queryOptions());
  const refetchInterval = useLiveFallback(10_000); // the live stream refetches it otherwise
  const audit = useQuery(trpc.execution.audit.queryOptions(filters, { refetchInterval }));
  const set = (patch: Partial<AuditFilters>) =>
    router.replace(`${pathname}${auditSearch({ ...filters, ...patch })}`, { scroll: false });
  return (
    <>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          Actor
          <UserSelect
            users={users.data ?? []}
            value={filters.actorId}
            onChange={(id) => set({ actorId: id })}
          />
        </label>
        <label className="field">
          Action
          <select
            value={filters.action ?? ""}
            onChange={(e) => set({ action: e.target.value || undefined })}
          >
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        {filters.executionId && (
          <p>
            Execution <span className="mono">{shortId(filters.executionId)}</span>{" "}
            <button type="button" onClick={() => set({ executionId: undefined })}>
              Show all executions
            </button>
          </p>
        )}
      </form>
      <QueryView
        query={audit}
        loading="Loading the audit log…"
        isEmpty={(l) => l.length === 0}
        empty="No audit entry matches these filters."
      >
        {(l) => (
          <DataTable
            className="audit"
            data={l}
            columns={AUDIT_COLUMNS}
            getRowId={(a) => a.id}
            caption={
              <span className="muted">
                {plural(l.length, "entry", "entries")}, newest first (append-only: entries never
                change)
              </span>
            }
          />
        )}
      </QueryView>
    </>
  );
}

/** Who did what and when: the append-only audit log. */
export function AuditPage() {
  return (
    <>
      <h1>Audit log</h1>
      <ExecutionsNav />
      <SignedIn purpose="read the audit log">{() => <AuditLog />}</SignedIn>
    </>
  );
}
