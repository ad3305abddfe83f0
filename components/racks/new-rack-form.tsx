"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { can } from "../auth/can";
import { useSession } from "../auth/use-session";
import { useTRPC } from "../trpc-provider";
import { DisabledAction } from "../ui/disabled-action";
import { Field } from "../ui/field";

/** Add an empty rack (operator), then go import its first blueprint. */
export function NewRackForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const session = useSession();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.rack.create.mutationOptions({
      onSuccess: (rack) => {
        void queryClient.invalidateQueries({ queryKey: trpc.rack.pathKey() });
        router.push(`/racks/${rack.id}/import`);
      },
    }),
  );
  const allowed = can.createRack(session.data ?? null);
  if (!allowed.ok) return <DisabledAction label="Add a rack" reason={allowed.reason} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim() });
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Add a rack">
      <Field label="New rack name">
        {(id) => (
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            pattern="[\w.\-]+"
            required
            maxLength={100}
          />
        )}
      </Field>
      <button type="submit" disabled={create.isPending || name.trim() === ""}>
        {create.isPending ? "Adding…" : "Add rack"}
      </button>
      {create.error ? <p role="alert">{create.error.message}</p> : null}
    </form>
  );
}
