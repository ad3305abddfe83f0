/** Small formatting helpers shared by the execution pages. */
import { NEXUS_STEP_SLED } from "~/lib/plan/types";

/** `850 ms`, `2.4 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3_600)} h ${String(Math.floor((s % 3_600) / 60)).padStart(2, "0")} min`;
}

/** First 8 characters of a uuid with an ellipsis, as omicron's tables print them. */
export function shortId(id: string): string {
  return id.length > 9 ? `${id.slice(0, 8)}…` : id;
}

/** A step's lane: `sled 1a2b3c4d…`, or `Nexus` for a mode plan's steps about Nexus (issue 15). */
export function laneName(sledId: string): string {
  return sledId === NEXUS_STEP_SLED ? "Nexus" : `sled ${shortId(sledId)}`;
}

/** A step's sled as a table cell: `1a2b3c4d…`, or `Nexus`. */
export function shortSledId(sledId: string): string {
  return sledId === NEXUS_STEP_SLED ? "Nexus" : shortId(sledId);
}

/** `awaiting_approval` → `awaiting approval`. */
export function stateWords(state: string): string {
  return state.replaceAll("_", " ");
}

/** Milliseconds between two ISO times (or now), null when it has not started. */
export function spanMs(startIso: string | null, endIso: string | null, now: number): number | null {
  if (!startIso) return null;
  const end = endIso ? Date.parse(endIso) : now;
  return Math.max(0, end - Date.parse(startIso));
}

/** `10:04:05.123 UTC`: event times need seconds. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(11, 23)} UTC`;
}
