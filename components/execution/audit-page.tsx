"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SignedIn } from "../auth/signed-in";
import { useLiveFallback } from "../live/live-events";
import { useTRPC } from "../trpc-provider";
import { formatTime, plural } from "../ui/format";
import { QueryView } from "../ui/query-view";
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
          <table className="data audit">
            <caption className="muted">
              {plural(l.length, "entry", "entries")}, newest first (append-only: entries never
              change)
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Execution</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {l.map((a) => (
                <tr key={a.id}>
                  <td>
                    <time dateTime={a.at}>{formatTime(a.at)}</time>
                  </td>
                  <td>{a.actorName}</td>
                  <td className="mono">{a.action}</td>
                  <td>
                    {a.executionId ? (
                      <Link href={`/executions/${a.executionId}`} className="mono">
                        {shortId(a.executionId)}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{describeDetails(a.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
