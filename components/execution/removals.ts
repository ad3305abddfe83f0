/**
 * What a request would remove, and what the operator must type to confirm it. Like
 * omicron's tooling asking for a sled's serial before expunging it: one zone, disk or sled
 * → its id; several → their number. Datasets are listed but not counted: they go with
 * their zone or disk (docs/ARCHITECTURE.md, "Domain").
 */
import type { Removal } from "~/lib/execution/change-summary";

export { removalsOf, type Removal } from "~/lib/execution/change-summary";

export interface Confirmation {
  removals: Removal[];
  /** Zones, disks and sleds: what the phrase is about. */
  primary: Removal[];
  /** What must be typed; null when nothing is removed. */
  phrase: string | null;
  prompt: string;
}

const noun = (kind: Removal["kind"], n: number) => (n === 1 ? kind : `${kind}s`);

export function confirmationFor(removals: Removal[]): Confirmation {
  const primary = removals.filter((r) => r.kind !== "dataset");
  const counted = primary.length ? primary : removals;
  if (counted.length === 0) return { removals, primary, phrase: null, prompt: "" };
  const [only] = counted;
  if (counted.length === 1 && only) {
    return {
      removals,
      primary,
      phrase: only.id,
      prompt: `Type the id of the ${only.kind === "zone" ? `${only.type} zone` : only.kind} being expunged (${only.id}) to confirm.`,
    };
  }
  const byKind = (["sled", "disk", "zone", "dataset"] as const)
    .map((k) => [k, counted.filter((r) => r.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${noun(k, n)}`);
  return {
    removals,
    primary,
    phrase: String(counted.length),
    prompt: `Type ${counted.length}, the number of items being expunged (${byKind.join(", ")}), to confirm.`,
  };
}

/** Typed text matches, ignoring surrounding spaces and letter case (uuids print either way). */
export function isConfirmed(c: Confirmation, typed: string): boolean {
  return c.phrase === null || typed.trim().toLowerCase() === c.phrase.toLowerCase();
}
