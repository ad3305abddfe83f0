/**
 * One meaning, one colour, one word (issue 13). Every state or kind the console shows in colour
 * maps here to one *tone*, a meaning; every tone has exactly one colour token of Oxide's design
 * system (@oxide/design-system, see app/globals.css). Components never pick a colour for a
 * state themselves: they ask `toneOf` / `badgeClass`. components/ui/tones.test.ts checks that
 * every state of every domain has a tone, that no two tones share a colour, and that a word
 * used in two domains ("running", "failed", "cancelled", …) means the same in both.
 *
 * Colour is never the only signal: every badge also says its state in words.
 */
import type { ItemChangeKind } from "~/lib/graph/types";
import type { ExecutionState, StepState } from "~/lib/execution/state-machine";
import type { PolicyLevel } from "~/lib/policy/policies";
import type { SledHealth } from "~/lib/rack/health";

/** The meanings. Keep this list short: a new tone is a new colour operators must learn. */
export const TONES = ["positive", "destructive", "caution", "active", "neutral"] as const;
export type Tone = (typeof TONES)[number];

/** What each tone tells the operator (shown in docs/ARCHITECTURE.md's design-system note). */
export const TONE_MEANING: Readonly<Record<Tone, string>> = {
  positive: "done, healthy, or added to the rack",
  destructive: "failed, refused, unreachable, or taken out of service (expunged)",
  caution: "needs a person's attention, or changes in place",
  active: "in progress now",
  neutral: "not started, stopped by choice, or gone by design",
};

/**
 * The design system's tokens per tone: text colour, the badge's background and the border or
 * ring. Each token belongs to one tone only (the unit test refuses a shared token).
 */
export const TONE_TOKENS: Readonly<Record<Tone, { text: string; bg: string; border: string }>> = {
  positive: { text: "text-success", bg: "bg-accent", border: "border-success" },
  destructive: { text: "text-destructive", bg: "bg-destructive", border: "border-destructive" },
  caution: { text: "text-notice", bg: "bg-notice", border: "border-notice" },
  active: { text: "text-info", bg: "bg-info", border: "border-info" },
  neutral: { text: "text-secondary", bg: "bg-secondary", border: "border-default" },
};

/** Change kinds of a blueprint diff. "expunged" is the word for a removal that keeps the item
 *  listed (omicron's disposition): it is destructive, like "removed", everywhere. */
export type ChangeKind = ItemChangeKind | "expunged" | "unchanged";
export const CHANGE_KINDS: readonly ChangeKind[] = [
  "added",
  "removed",
  "expunged",
  "modified",
  "unchanged",
];

/** Markers that are not a lifecycle state but still carry a meaning in colour. */
export const MARKERS = ["would-fail", "critical-path", "stalled", "unreadable"] as const;
export type Marker = (typeof MARKERS)[number];

export const EXECUTION_TONE: Readonly<Record<ExecutionState, Tone>> = {
  awaiting_approval: "caution",
  approved: "active",
  running: "active",
  succeeded: "positive",
  failed: "destructive",
  cancelled: "neutral",
  rejected: "destructive",
  stale: "destructive",
};

export const STEP_TONE: Readonly<Record<StepState, Tone>> = {
  pending: "neutral",
  running: "active",
  succeeded: "positive",
  failed: "destructive",
  skipped: "caution",
  cancelled: "neutral",
};

export const CHANGE_TONE: Readonly<Record<ChangeKind, Tone>> = {
  added: "positive",
  removed: "destructive",
  expunged: "destructive",
  modified: "caution",
  unchanged: "neutral",
};

export const POLICY_TONE: Readonly<Record<PolicyLevel, Tone>> = {
  advisory: "caution",
  "soft-mandatory": "destructive",
  "hard-mandatory": "destructive",
};

export const HEALTH_TONE: Readonly<Record<SledHealth, Tone>> = {
  "in-sync": "positive",
  drifting: "caution",
  unreachable: "destructive",
  decommissioned: "neutral",
};

export const MARKER_TONE: Readonly<Record<Marker, Tone>> = {
  "would-fail": "destructive",
  "critical-path": "active",
  stalled: "destructive",
  unreadable: "destructive",
};

/** Every domain the console colours, by name (the unit test walks them all). */
export const TONE_DOMAINS = {
  execution: EXECUTION_TONE,
  step: STEP_TONE,
  change: CHANGE_TONE,
  policy: POLICY_TONE,
  health: HEALTH_TONE,
  marker: MARKER_TONE,
} as const;

/** The text colour class of a tone ("text-destructive"). */
export function toneText(tone: Tone): string {
  return TONE_TOKENS[tone].text;
}

/** A badge in a tone: the words in the tone's colour on its tinted background. */
export function badgeClass(tone: Tone): string {
  const t = TONE_TOKENS[tone];
  return `badge ${t.text} ${t.bg}`;
}
