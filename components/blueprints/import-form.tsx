"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTRPC } from "../trpc-provider";
import { parseJsonInput } from "./parse-json";
import { StoreResultView } from "./store-result";
import {
  describeProgress,
  formatSize,
  readFileText,
  sendImport,
  sentSummary,
  type ImportProgress,
} from "./upload-import";
import { Field } from "../ui/field";

/** Files bigger than this are sent from the file, not shown in the text box. */
const SHOW_FILE_MAX_BYTES = 2 ** 20;

/**
 * Import by paste or file upload; the server validates and stores nothing when invalid. Big
 * blueprints (a 1,000-sled one is 15–32 MiB) go gzipped, with progress (./upload-import.ts).
 */
export function ImportForm({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [comment, setComment] = useState("");
  const [localError, setLocalError] = useState<{ path: string; message: string } | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const importBlueprint = useMutation({
    mutationFn: (input: { jsonText: string; comment: string | undefined }) =>
      sendImport({ rackId, ...input }, (p) => {
        setProgress(p);
        if (p.phase === "storing") setSent(sentSummary(p));
      }),
    onSuccess: (result) => {
      if (result.ok) void queryClient.invalidateQueries({ queryKey: trpc.blueprint.pathKey() });
    },
    onSettled: () => setProgress(null),
  });
  const busy = importBlueprint.isPending || progress !== null;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    setLocalError(null);
    setSent(null);
    importBlueprint.reset();
    if (chosen.size > SHOW_FILE_MAX_BYTES) {
      setFile(chosen);
      setText("");
    } else {
      setFile(null);
      setText(await chosen.text());
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    importBlueprint.reset();
    setLocalError(null);
    setSent(null);
    const jsonText = file ? await readFileText(file, setProgress) : text;
    const parsed = parseJsonInput(jsonText);
    if (!parsed.ok) {
      setProgress(null);
      return setLocalError(parsed.error);
    }
    importBlueprint.mutate({ jsonText, comment: comment.trim() || undefined });
  };

  return (
    <form
      className="stack-form wide-form"
      onSubmit={(e) => void submit(e)}
      aria-label="Import a blueprint"
    >
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
            onChange={(e) => {
              setText(e.target.value);
              setFile(null);
            }}
            spellCheck={false}
            className="mono"
          />
        )}
      </Field>
      {file && (
        <p className="muted">
          {file.name} ({formatSize(file.size)}) is sent from the file, compressed; it is too big to
          show here.
        </p>
      )}
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
          disabled={busy || (text.trim() === "" && file === null)}
          title={
            text.trim() === "" && file === null ? "Paste JSON or choose a file first" : undefined
          }
        >
          {busy ? "Validating and storing…" : "Validate and import"}
        </button>
      </div>
      {progress && (
        <div role="status" aria-label="Import progress">
          <progress
            value={progress.phase === "storing" ? undefined : progress.done}
            max={progress.phase === "storing" ? undefined : Math.max(1, progress.total)}
          />{" "}
          {describeProgress(progress)}
        </div>
      )}
      {sent && !progress && <p className="muted">{sent}</p>}
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
