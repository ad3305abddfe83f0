import { sameJson } from "../util/canonical-json";
import type { SledAgentState } from "./state";

export type ViolationRule =
  | "generation-outdated"
  | "generation-conflict"
  | "invalid-config"
  | "zone-missing-dataset"
  | "dataset-in-use"
  | "dataset-has-children"
  | "disk-has-datasets"
  | "pool-not-managed"
  | "missing-zone-root"
  | "dataset-name-taken"
  | "dataset-renamed";

export interface Violation {
  rule: ViolationRule;
  message: string;
  itemIds?: string[];
}

export type ApplyResult =
  { ok: true; state: SledAgentState; changed: boolean } | { ok: false; violations: Violation[] };

export interface SledRulesOptions {
  /** `ignore` reproduces January 2025: removed datasets were kept (omicron #6177). */
  datasetDeletion: "strict" | "ignore";
}

export const STRICT: SledRulesOptions = { datasetDeletion: "strict" };

/**
 * Generation rules shared by every ledger: "apply" for a newer generation, "same" (accepted,
 * nothing changes) for the same generation and content, and a rejection otherwise.
 */
export function checkGeneration(
  what: string,
  current: number,
  currentContent: unknown,
  requested: number,
  requestedContent: unknown,
): "apply" | "same" | Extract<ApplyResult, { ok: false }> {
  if (!Number.isSafeInteger(requested) || requested < 1) {
    return {
      ok: false,
      violations: [
        { rule: "invalid-config", message: `${what} generation must be a positive integer` },
      ],
    };
  }
  if (requested > current) return "apply";
  if (requested < current) {
    return {
      ok: false,
      violations: [
        {
          rule: "generation-outdated",
          message: `${what} generation ${requested} is older than the ledgered generation ${current}`,
        },
      ],
    };
  }
  if (sameJson(currentContent, requestedContent)) return "same";
  return {
    ok: false,
    violations: [
      {
        rule: "generation-conflict",
        message: `${what} generation ${requested} is already ledgered with different content`,
      },
    ],
  };
}
