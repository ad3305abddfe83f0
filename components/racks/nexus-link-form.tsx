"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { can } from "../auth/can";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { DisabledAction } from "../ui/disabled-action";
import { Field } from "../ui/field";
import { parseNexusUrls } from "./nexus-status";

/**
 * Link, replace or unlink the rack's Nexus lockstep endpoints (operator): rack.setNexus, whose
 * refusals (not a URL, not http(s), credentials or a query in it) are shown next to the form.
 * Unlinking stops polling; the blueprints and the target history stay.
 */
export function NexusLinkForm({ rackId, urls }: { rackId: string; urls: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const [text, setText] = useState(urls.join("\n"));
  const save = useMutation(
    trpc.rack.setNexus.mutationOptions({
      onSuccess: (r) => {
        setText(r.urls.join("\n"));
        void queryClient.invalidateQueries({ queryKey: trpc.rack.pathKey() });
      },
    }),
  );
  const allowed = can.setNexus(session.data ?? null);
  if (!allowed.ok) return <DisabledAction label="Link to Nexus" reason={allowed.reason} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rackId, urls: parseNexusUrls(text) });
  };
  const linked = urls.length > 0;
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Link to Nexus">
      <Field label="Nexus lockstep URLs, one per instance">
        {(id) => (
          <textarea
            id={id}
            rows={Math.max(2, urls.length + 1)}
            cols={50}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              save.reset();
            }}
            placeholder="http://[fd00:1122:3344:101::3]:12232"
          />
        )}
      </Field>
      <button type="submit" disabled={save.isPending || parseNexusUrls(text).length === 0}>
        {save.isPending ? "Saving…" : linked ? "Replace the link" : "Link to Nexus"}
      </button>
      {linked ? (
        <button
          type="button"
          disabled={save.isPending}
          onClick={() => save.mutate({ rackId, urls: [] })}
        >
          Unlink
        </button>
      ) : null}
      {save.error ? <p role="alert">{save.error.message}</p> : null}
      {save.isSuccess ? (
        <p role="status">
          {save.data.urls.length > 0
            ? `Linked to ${save.data.urls.length} instance(s): the next poll reads them.`
            : "Unlinked: the console no longer polls Nexus; its blueprints and history stay."}
        </p>
      ) : null}
    </form>
  );
}
