"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { shortId } from "~/lib/blueprint/zones";
import { can } from "../auth/can";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { DisabledAction } from "../ui/disabled-action";
import { Field } from "../ui/field";

type Profile = "split" | "reconciler";
export interface SledChoice {
  sledId: string;
  address: string | null;
  profile: Profile | null;
}

/**
 * Register or change where a sled's agent listens and which API it speaks (operator):
 * rack.setSledAgent, whose refusals (not a URL, a host off SLED_AGENT_ALLOWED_HOSTS, a sled of
 * another rack) are shown next to the form.
 */
export function SledAgentForm({ rackId, sleds }: { rackId: string; sleds: SledChoice[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const first = sleds[0];
  const [sledId, setSledId] = useState(first?.sledId ?? "");
  const [address, setAddress] = useState(first?.address ?? "");
  const [profile, setProfile] = useState<Profile>(first?.profile ?? "reconciler");
  const save = useMutation(
    trpc.rack.setSledAgent.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.rack.pathKey() }),
    }),
  );
  const allowed = can.setSledAgent(session.data ?? null);
  if (!allowed.ok) return <DisabledAction label="Set a sled agent" reason={allowed.reason} />;
  const choose = (id: string) => {
    const sled = sleds.find((s) => s.sledId === id);
    setSledId(id);
    setAddress(sled?.address ?? "");
    setProfile(sled?.profile ?? "reconciler");
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rackId, sledId, address: address.trim(), profile });
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Set a sled agent">
      <Field label="Sled">
        {(id) => (
          <select id={id} value={sledId} onChange={(e) => choose(e.target.value)}>
            {sleds.map((s) => (
              <option key={s.sledId} value={s.sledId}>
                {shortId(s.sledId)}
                {s.address ? "" : " (no agent yet)"}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AddressFields
        address={address}
        profile={profile}
        onAddress={(v) => {
          setAddress(v);
          save.reset();
        }}
        onProfile={setProfile}
      />
      <button type="submit" disabled={save.isPending || sledId === "" || address.trim() === ""}>
        {save.isPending ? "Saving…" : "Save agent"}
      </button>
      {save.error ? <p role="alert">{save.error.message}</p> : null}
      {save.isSuccess ? <p role="status">Saved: the inventory is read again.</p> : null}
    </form>
  );
}

function AddressFields(props: {
  address: string;
  profile: Profile;
  onAddress: (v: string) => void;
  onProfile: (v: Profile) => void;
}) {
  return (
    <>
      <Field label="Agent address">
        {(id) => (
          <input
            id={id}
            type="url"
            value={props.address}
            onChange={(e) => props.onAddress(e.target.value)}
            placeholder="http://[fd00:1122:3344:101::1]:12345"
            required
            maxLength={500}
          />
        )}
      </Field>
      <Field label="API profile">
        {(id) => (
          <select
            id={id}
            value={props.profile}
            onChange={(e) => props.onProfile(e.target.value === "split" ? "split" : "reconciler")}
          >
            <option value="reconciler">reconciler (PUT /omicron-config)</option>
            <option value="split">split (January 2025)</option>
          </select>
        )}
      </Field>
    </>
  );
}
