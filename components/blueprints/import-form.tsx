"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTRPC } from "../trpc-provider";
import { parseJsonInput } from "./parse-json";
import { StoreResultView } from "./store-result";
import { Field } from "../ui/field";

/** Import by paste or file upload; the server validates and stores nothing when invalid. */
export function ImportForm({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [comment, setComment] = useState("");
  const [localError, setLocalError] = useState<{ path: string; message: string } | null>(null);
  const importBlueprint = useMutation(
    trpc.blueprint.import.mutationOptions({
      onSuccess: (result) => {
        if (result.ok) void queryClient.invalidateQueries({ queryKey: trpc.blueprint.pathKey() });
      },
    }),
  );

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setLocalError(null);
    importBlueprint.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseJsonInput(text);
    importBlueprint.reset();
    if (!parsed.ok) return setLocalError(parsed.error);
    setLocalError(null);
    importBlueprint.mutate({ rackId, json: parsed.value, comment: comment.trim() || undefined });
  };

  return (
    <form className="stack-form wide-form" onSubmit={submit} aria-label="Import a blueprint">
      <Field label={"Upload a file (omicron Blueprint JSON, any supported era, or a sled config)"}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".json,application/json"
            onChange={(e) => void onFile(e)}
          />
        )}
      </Field>
      <Field label={"Or paste the JSON"}>
        {(id) => (
          <textarea
            id={id}
            rows={14}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            className="mono"
          />
        )}
      </Field>
      <Field label={"Comment (optional; defaults to the blueprint's own comment)"}>
        {(id) => (
          <input
            id={id}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
          />
        )}
      </Field>
      <div>
        <button
          type="submit"
          className="primary"
          disabled={importBlueprint.isPending || text.trim() === ""}
          title={text.trim() === "" ? "Paste JSON or choose a file first" : undefined}
        >
          {importBlueprint.isPending ? "Validating and storing…" : "Validate and import"}
        </button>
      </div>
      {localError && (
        <div role="alert" className="error-box">
          <p>
            <strong>Not sent:</strong> <code>{localError.path}</code>: {localError.message}
          </p>
        </div>
      )}
      {importBlueprint.isError && (
        <p role="alert" className="error-box">
          The import failed: {importBlueprint.error.message}
        </p>
      )}
      {importBlueprint.data && <StoreResultView result={importBlueprint.data} rackId={rackId} />}
    </form>
  );
}
