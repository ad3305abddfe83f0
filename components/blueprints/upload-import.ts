/**
 * blueprint.import for the import form, with progress: a chosen file is read in chunks, the
 * request body is gzip-compressed in the browser (the server decompresses it and caps it per
 * decompressed byte: server/http/request-limits.ts) and sent with XMLHttpRequest, whose upload
 * events say how much went out (fetch has none). Small bodies go uncompressed.
 */
import type { StoreResult } from "../api-types";

export type ImportPhase = "reading" | "compressing" | "sending" | "storing";

export interface ImportProgress {
  phase: ImportPhase;
  /** Bytes done of `total` in this phase (storing: the bytes sent; the server's turn). */
  done: number;
  total: number;
  /** The JSON's size before compression, once known. */
  jsonBytes?: number;
}

type OnProgress = (p: ImportProgress) => void;

const URL_PATH = "/api/trpc/blueprint.import";
/** Below this the body goes as is: compressing would save little. */
const GZIP_FROM_BYTES = 64 * 1024;

/** The file's text, read chunk by chunk so the form can say how far it got. */
export async function readFileText(file: File, onProgress: OnProgress): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let done = 0;
  onProgress({ phase: "reading", done, total: file.size });
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    done += r.value.byteLength;
    parts.push(decoder.decode(r.value, { stream: true }));
    onProgress({ phase: "reading", done, total: file.size });
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * The procedure's input as JSON text. `jsonText` must already be valid JSON (the form parses
 * it first, for errors with line and column), so it goes in as it is, not re-serialised.
 */
export function importBody(rackId: string, jsonText: string, comment: string | undefined): string {
  const tail = comment === undefined ? "" : `,"comment":${JSON.stringify(comment)}`;
  return `{"rackId":${JSON.stringify(rackId)},"json":${jsonText}${tail}}`;
}

async function gzip(input: Blob, onProgress: OnProgress): Promise<Blob> {
  let done = 0;
  const counted = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      done += chunk.byteLength;
      onProgress({ phase: "compressing", done, total: input.size, jsonBytes: input.size });
      controller.enqueue(chunk);
    },
  });
  const zipped = input
    .stream()
    .pipeThrough(counted)
    .pipeThrough(
      new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  return new Response(zipped).blob();
}

type TrpcAnswer = { result?: { data: StoreResult }; error?: { message?: string } };

function post(body: Blob, gzipped: boolean, jsonBytes: number, onProgress: OnProgress) {
  return new Promise<StoreResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", URL_PATH);
    xhr.setRequestHeader("content-type", "application/json");
    if (gzipped) xhr.setRequestHeader("content-encoding", "gzip");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) =>
      onProgress({ phase: "sending", done: e.loaded, total: body.size, jsonBytes });
    xhr.upload.onload = () =>
      onProgress({ phase: "storing", done: body.size, total: body.size, jsonBytes });
    xhr.onerror = () => reject(new Error("The console did not answer (network error)."));
    xhr.onload = () => {
      let answer: TrpcAnswer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as TrpcAnswer;
      } catch {
        // not the API's JSON (a proxy's error page): say the status
      }
      if (answer?.result) return resolve(answer.result.data);
      reject(new Error(answer?.error?.message ?? `The console answered HTTP ${xhr.status}.`));
    };
    onProgress({ phase: "sending", done: 0, total: body.size, jsonBytes });
    xhr.send(body);
  });
}

/** Sends blueprint.import; gzip when the body is big and the browser can compress. */
export async function sendImport(
  input: { rackId: string; jsonText: string; comment: string | undefined },
  onProgress: OnProgress,
): Promise<StoreResult> {
  const json = new Blob([importBody(input.rackId, input.jsonText, input.comment)]);
  const gzipped = typeof CompressionStream === "function" && json.size >= GZIP_FROM_BYTES;
  const body = gzipped ? await gzip(json, onProgress) : json;
  return post(body, gzipped, json.size, onProgress);
}

/** `3.7 MiB`, `640 KiB`: sizes as the progress line shows them. */
export function formatSize(bytes: number): string {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.max(bytes === 0 ? 0 : 1, Math.round(bytes / 1024))} KiB`;
}

/** `Sent 0.6 MiB (gzip of 3.7 MiB of JSON).` */
export function sentSummary(p: ImportProgress): string {
  const gz = p.jsonBytes !== undefined && p.jsonBytes !== p.total;
  return `Sent ${formatSize(p.total)}${gz ? ` (gzip of ${formatSize(p.jsonBytes ?? 0)} of JSON)` : ""}.`;
}

/** The progress line under the form. */
export function describeProgress(p: ImportProgress): string {
  const of = `${formatSize(p.done)} of ${formatSize(p.total)}`;
  switch (p.phase) {
    case "reading":
      return `Reading the file: ${of}`;
    case "compressing":
      return `Compressing: ${of}`;
    case "sending":
      return `Sending: ${of}${p.jsonBytes !== undefined && p.jsonBytes !== p.total ? ` (gzip of ${formatSize(p.jsonBytes)} of JSON)` : ""}`;
    case "storing":
      return `${sentSummary(p)} The console is validating and storing it…`;
    default:
      return p.phase satisfies never;
  }
}
