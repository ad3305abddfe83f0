/**
 * A rack's health at a glance, from the console's last inventory read (server/services/
 * inventory.ts): each sled that is still in the rack is in sync with the rack's current
 * blueprint, drifting from it, or unreachable (its agent did not answer, or none is known).
 * Decommissioned sleds are counted apart: they are gone by design, never "unreachable".
 */
export type SledHealth = "in-sync" | "drifting" | "unreachable" | "decommissioned";
export const SLED_HEALTHS: readonly SledHealth[] = [
  "in-sync",
  "drifting",
  "unreachable",
  "decommissioned",
];

export interface SledHealthInput {
  decommissioned: boolean;
  reachable: boolean;
  /** Compared with the current blueprint; null when there was nothing to compare. */
  drift: { inSync: boolean } | null;
}

export function sledHealth(s: SledHealthInput): SledHealth {
  if (s.decommissioned) return "decommissioned";
  if (!s.reachable) return "unreachable";
  return s.drift && !s.drift.inSync ? "drifting" : "in-sync";
}

export interface RackHealth {
  counts: Record<SledHealth, number>;
  /** The worst state of any sled still in the rack (`in-sync` for an empty rack). */
  worst: Exclude<SledHealth, "decommissioned">;
}

export function rackHealth(sleds: readonly SledHealthInput[]): RackHealth {
  const counts: Record<SledHealth, number> = {
    "in-sync": 0,
    drifting: 0,
    unreachable: 0,
    decommissioned: 0,
  };
  for (const s of sleds) counts[sledHealth(s)]++;
  const worst = counts.unreachable ? "unreachable" : counts.drifting ? "drifting" : "in-sync";
  return { counts, worst };
}
