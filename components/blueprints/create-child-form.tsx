"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import type { Blueprint } from "~/lib/blueprint/model";
import { describeEdit } from "~/lib/edits/apply";
import type { Edit } from "~/lib/edits/types";
import { useTRPC } from "../trpc-provider";
import { editChoices } from "./edit-choices";
import { buildEdit, EMPTY_DRAFT, previewEdits, type EditDraft } from "./edit-draft";
import { EditFields } from "./edit-fields";
import { StoreResultView } from "./store-result";
import { Field } from "../ui/field";

/** Collects planner edits for a child of `parent`, checks them with lib, then stores the child. */
export function CreateChildForm({ parent, rackId }: { parent: Blueprint; rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sleds = useMemo(() => editChoices(parent), [parent]);
  const [draft, setDraft] = useState<EditDraft>(EMPTY_DRAFT);
  const [edits, setEdits] = useState<Edit[]>([]);
  const [comment, setComment] = useState("");
  const create = useMutation(
    trpc.blueprint.createChild.mutationOptions({
      onSuccess: (r) => {
        if (!r.ok) return;
        void queryClient.invalidateQueries({ queryKey: trpc.blueprint.pathKey() });
        // Stored: the form starts over for the next change; the result stays shown below it.
        setEdits([]);
        setDraft(EMPTY_DRAFT);
        setComment("");
      },
    }),
  );

  const built = buildEdit(draft);
  const withDraft = useMemo(() => {
    const edit = buildEdit(draft);
    return edit.ok ? previewEdits(parent, [...edits, edit.edit]) : null;
  }, [parent, edits, draft]);
  const addReason = !built.ok ? built.missing : withDraft && !withDraft.ok ? withDraft.error : null;
  const pending = useMemo(
    () => (edits.length > 0 ? previewEdits(parent, edits) : null),
    [parent, edits],
  );
  const submitReason =
    edits.length === 0
      ? "Add at least one edit to the change first"
      : pending && !pending.ok
        ? pending.error
        : null;

  const add = () => {
    if (!built.ok) return;
    setEdits([...edits, built.edit]);
    setDraft({ ...EMPTY_DRAFT, kind: draft.kind, sledId: draft.sledId });
    create.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (submitReason === null)
      create.mutate({ parentId: parent.id, edits, comment: comment.trim() || undefined });
  };

  return (
    <form className="stack-form wide-form" onSubmit={submit} aria-label="Create a child blueprint">
      <fieldset>
        <legend>New edit</legend>
        <EditFields parent={parent} sleds={sleds} draft={draft} onChange={setDraft} />
        <p>
          <button
            type="button"
            onClick={add}
            disabled={addReason !== null}
            aria-describedby="add-reason"
          >
            Add to the change
          </button>{" "}
          <span id="add-reason" className={withDraft && !withDraft.ok ? "error-text" : "muted"}>
            {addReason ?? "This edit applies cleanly."}
          </span>
        </p>
      </fieldset>
      <section aria-label="Edits in this change">
        <h2>
          The change ({edits.length} {edits.length === 1 ? "edit" : "edits"})
        </h2>
        {edits.length === 0 ? (
          <p className="muted">No edits yet.</p>
        ) : (
          <ol>
            {edits.map((edit, i) => (
              <li key={`${edit.kind}-${i}`}>
                {describeEdit(edit)}{" "}
                <button
                  type="button"
                  onClick={() => setEdits(edits.filter((_, j) => j !== i))}
                  aria-label={`Remove: ${describeEdit(edit)}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <Field label={"Comment"}>
        {(id) => (
          <input
            id={id}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            placeholder="why this change"
          />
        )}
      </Field>
      <div>
        <button
          type="submit"
          className="primary"
          disabled={submitReason !== null || create.isPending}
          aria-describedby="submit-reason"
        >
          {create.isPending ? "Creating…" : "Create child blueprint"}
        </button>{" "}
        <span id="submit-reason" className="muted">
          {submitReason ?? ""}
        </span>
      </div>
      {create.isError && (
        <p role="alert" className="error-box">
          Creating the child failed: {create.error.message}
        </p>
      )}
      {create.data && <StoreResultView result={create.data} rackId={rackId} />}
    </form>
  );
}
