/**
 * HTTP status codes for rejected requests. The choice (also in docs/SIMULATOR.md):
 *
 * - 400: a body that does not parse (dropshot, both eras), an outdated generation, the same
 *   generation with different content, an invalid config. This is what the agent answers at
 *   HEAD (`GenerationOutdated`, `ConfigurationChanged`, `ValidationFailed` → 400,
 *   sled-agent/config-reconciler/src/ledger.rs). The January-2025 agent sent these as 500
 *   (`sled_agent::Error → HttpError`, sled-agent/src/sled_agent.rs, BRIEF §4.1); we use the
 *   later, deliberate mapping for both profiles so a client never retries a request that
 *   cannot succeed.
 * - 409 (default; `refusalStatus: 500` reproduces January 2025): a request the strict sled
 *   semantics refuse (docs/ARCHITECTURE.md, "Strict sled semantics") — it conflicts with what runs on the sled now. The real
 *   agent had no such checks (it failed later, or destroyed data); 409 says "not retryable
 *   as is" to the executor, which is what the refusal means.
 *
 * `error_code` names the rule, in omicron's CamelCase style.
 */
import type { z } from "zod";
import type { Violation, ViolationRule } from "../lib/sled/violations";
import { describeIssues } from "../lib/wire/schemas";
import { errorReply, type Reply } from "./http-util";

export type RefusalStatus = 409 | 500;

const BAD_REQUEST_RULES: ReadonlySet<ViolationRule> = new Set([
  "generation-outdated",
  "generation-conflict",
  "invalid-config",
]);

const ERROR_CODE: Readonly<Record<ViolationRule, string>> = {
  "generation-outdated": "GenerationOutdated",
  "generation-conflict": "ConfigurationChanged",
  "invalid-config": "ValidationFailed",
  "zone-missing-dataset": "ZoneMissingDataset",
  "dataset-in-use": "DatasetInUse",
  "dataset-has-children": "DatasetHasChildren",
  "disk-has-datasets": "DiskHasDatasets",
  "pool-not-managed": "PoolNotManaged",
  "missing-zone-root": "MissingZoneRoot",
  "dataset-name-taken": "DatasetNameTaken",
  "dataset-renamed": "DatasetRenamed",
};

export function violationReply(
  violations: readonly Violation[],
  refusalStatus: RefusalStatus,
  requestId: string,
): Reply {
  const first = violations[0];
  if (!first)
    return errorReply(500, "Internal", "rejected without a reason (simulator bug)", requestId);
  const badRequest = violations.find((v) => BAD_REQUEST_RULES.has(v.rule));
  const lead = badRequest ?? first;
  const status = badRequest ? 400 : refusalStatus;
  const message = violations.map((v) => v.message).join("; ");
  return errorReply(status, ERROR_CODE[lead.rule], message, requestId);
}

/** dropshot's answer to a body serde cannot deserialize (400, no error code). */
export function badBody(error: z.ZodError, requestId: string): Reply {
  return errorReply(400, null, `unable to parse JSON body: ${describeIssues(error)}`, requestId);
}

/** `error_code` of an injected fault: dropshot's names for 503 and other 5xx. */
export function injectedCode(status: number): string | null {
  if (status === 503) return "ServiceUnavailable";
  if (status >= 500) return "Internal";
  return null;
}
