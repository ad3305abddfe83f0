"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import type { AppRouter } from "~/server/routers/_app";
import { POLICY_LEVELS, type PolicyId, type PolicyLevel } from "~/lib/policy/policies";
import { parseWindowLine, windowLine, type WeeklyWindow } from "~/lib/policy/windows";
import { can } from "../auth/can";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { DisabledAction } from "../ui/disabled-action";
import { Field } from "../ui/field";
import { formatTime } from "../ui/format";
import { QueryView } from "../ui/query-view";

type WindowsView = inferRouterOutputs<AppRouter>["policy"]["windows"];

/** After a save: "Saved (audited)." or the server's refusal in words. */
function SaveFeedback({
  save,
}: {
  save: { isSuccess: boolean; error: { message: string } | null };
}) {
  return (
    <>
      {save.isSuccess && <span role="status"> Saved (audited).</span>}
      {save.error && (
        <p role="alert" className="error-box">
          {save.error.message}
        </p>
      )}
    </>
  );
}

function windowState(v: WindowsView): string {
  switch (v.status.kind) {
    case "always":
      return "No maintenance windows: approved executions start at once.";
    case "unreadable":
      return v.description;
    case "open":
      return v.status.closesAt
        ? `A window is open now, until ${formatTime(v.status.closesAt)}.`
        : "A window is open now (the windows cover the whole week).";
    case "closed":
      return `Closed now: approved executions wait until ${formatTime(v.status.opensAt)}.`;
  }
}

/**
 * The rack's policy levels and maintenance windows (issue 16): everyone reads them; an admin
 * changes them (each change audited by the server).
 */
export function RackPolicy({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const session = useSession();
  const policy = useQuery(trpc.policy.rack.queryOptions({ rackId }));
  const windows = useQuery(trpc.policy.windows.queryOptions({ rackId }));
  const admin = can.setPolicy(session.data ?? null);
  return (
    <section aria-labelledby="rack-policy-h">
      <h2 id="rack-policy-h">Policies and maintenance windows</h2>
      <h3>Maintenance windows</h3>
      <QueryView query={windows} loading="Loading the maintenance windows…">
        {(w) => (
          <>
            <p data-testid="windows-description">
              Windows: {w.description}. {windowState(w)}
            </p>
            {admin.ok ? (
              <WindowsForm rackId={rackId} initial={w.schedule} key={JSON.stringify(w.schedule)} />
            ) : (
              <DisabledAction label="Change the windows" reason={admin.reason} />
            )}
          </>
        )}
      </QueryView>
      <h3>Policy checks</h3>
      <QueryView query={policy} loading="Loading the policy levels…">
        {(p) =>
          admin.ok ? (
            <LevelsForm
              rackId={rackId}
              checks={p.checks}
              maxSledsChanged={p.maxSledsChanged}
              key={p.updatedAt ?? "defaults"}
            />
          ) : (
            <>
              <LevelsTable checks={p.checks} />
              <p>Changing more than {p.maxSledsChanged} sleds in one execution is flagged.</p>
              <DisabledAction label="Change the levels" reason={admin.reason} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}

type Check = { id: PolicyId; level: PolicyLevel; default: PolicyLevel };

function LevelsTable({
  checks,
  edit,
}: {
  checks: readonly Check[];
  edit?: { levels: Record<string, PolicyLevel>; set: (id: PolicyId, l: PolicyLevel) => void };
}) {
  return (
    <table className="data">
      <caption className="muted">Each check's enforcement level on this rack</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Level</th>
          <th scope="col">Default</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.id}>
            <th scope="row" className="mono">
              {c.id}
            </th>
            <td>
              {edit ? (
                <select
                  aria-label={`Level of ${c.id}`}
                  value={edit.levels[c.id] ?? c.level}
                  onChange={(e) => edit.set(c.id, e.target.value as PolicyLevel)}
                >
                  {POLICY_LEVELS.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </select>
              ) : (
                c.level
              )}
            </td>
            <td className="muted">{c.default}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LevelsForm({
  rackId,
  checks,
  maxSledsChanged,
}: {
  rackId: string;
  checks: readonly Check[];
  maxSledsChanged: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [levels, setLevels] = useState<Record<string, PolicyLevel>>(() =>
    Object.fromEntries(checks.map((c) => [c.id, c.level])),
  );
  const [max, setMax] = useState(String(maxSledsChanged));
  const save = useMutation(
    trpc.policy.setRack.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rackId, levels, maxSledsChanged: Number(max) });
  };
  return (
    <form onSubmit={submit} aria-label="Policy levels">
      <LevelsTable
        checks={checks}
        edit={{ levels, set: (id, l) => setLevels((old) => ({ ...old, [id]: l })) }}
      />
      <Field label="Flag executions that change more than this many sleds">
        {(id) => (
          <input
            id={id}
            type="number"
            min={1}
            max={10000}
            value={max}
            onChange={(e) => setMax(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={save.isPending}>
        Save the levels
      </button>
      <SaveFeedback save={save} />
    </form>
  );
}

function WindowsForm({
  rackId,
  initial,
}: {
  rackId: string;
  initial: { timeZone: string; windows: WeeklyWindow[] } | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [zone, setZone] = useState(
    initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [text, setText] = useState((initial?.windows ?? []).map(windowLine).join("\n"));
  const save = useMutation(
    trpc.policy.setWindows.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() }),
    }),
  );
  const lines = text.split("\n").filter((l) => l.trim());
  const parsed = lines.map(parseWindowLine);
  const errors = parsed.flatMap((p) => (p.ok ? [] : [p.error]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.length) return;
    const windows = parsed.flatMap((p) => (p.ok ? [p.window] : []));
    save.mutate({ rackId, schedule: windows.length ? { timeZone: zone.trim(), windows } : null });
  };
  return (
    <form onSubmit={submit} aria-label="Maintenance windows">
      <Field label="Windows, one per line (e.g. Tue Thu 02:00-05:00; empty: none)">
        {(id) => (
          <textarea
            id={id}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Time zone (IANA, e.g. America/Los_Angeles)">
        {(id) => <input id={id} value={zone} onChange={(e) => setZone(e.target.value)} />}
      </Field>
      {errors.length > 0 && (
        <div role="alert" className="error-box">
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="submit" disabled={save.isPending || errors.length > 0}>
        Save the windows
      </button>
      <SaveFeedback save={save} />
    </form>
  );
}
