/**
 * Policy checks: omicron's own safety rules, and the console's, evaluated for every plan.
 *
 * Each check has an id, an enforcement level and a message in words (HCP Terraform's levels):
 * - `hard-mandatory`: a failure blocks the request and the approval;
 * - `soft-mandatory`: a failure needs an approver's override with a written reason;
 * - `advisory`: a failure is shown, nothing more.
 * Levels are per rack (an admin may change them); `DEFAULT_POLICY_LEVELS` are the defaults.
 *
 * The redundancy numbers are omicron's (`omicron_common::policy`: BOUNDARY_NTP_REDUNDANCY 2,
 * NEXUS_REDUNDANCY 3, COCKROACHDB_REDUNDANCY 5, INTERNAL_DNS_REDUNDANCY 3, and
 * CRUCIBLE_PANTRY_REDUNDANCY 3). A rack smaller than that (a test rack) is held to what it has:
 * a change may not reduce a kind that is already below omicron's number.
 *
 * Pure and deterministic: the same input gives the same results in the same order.
 */
import type { Blueprint, DiskIdentity, SledConfig, Zone } from "../blueprint/model";
import { sameJson } from "../util/canonical-json";

export const POLICY_LEVELS = ["advisory", "soft-mandatory", "hard-mandatory"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** Zone kinds omicron keeps a number of in service, with that number. */
export const REDUNDANCY = {
  internal_dns: 3,
  boundary_ntp: 2,
  nexus: 3,
  crucible_pantry: 3,
} as const;
export type RedundantKind = keyof typeof REDUNDANCY;
export const COCKROACHDB_REDUNDANCY = 5;

export const POLICY_IDS = [
  "cockroachdb-quorum",
  "redundancy-internal-dns",
  "redundancy-boundary-ntp",
  "redundancy-nexus",
  "redundancy-crucible-pantry",
  "expunges-present-hardware",
  "sleds-changed",
  "target-is-child",
  "plan-hazards",
] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

const KIND_WORDS: Record<RedundantKind | "cockroach_db", string> = {
  internal_dns: "internal DNS",
  boundary_ntp: "boundary NTP",
  nexus: "Nexus",
  crucible_pantry: "Crucible pantry",
  cockroach_db: "CockroachDB",
};

export const DEFAULT_POLICY_LEVELS: Readonly<Record<PolicyId, PolicyLevel>> = {
  "cockroachdb-quorum": "hard-mandatory",
  "redundancy-internal-dns": "hard-mandatory",
  "redundancy-boundary-ntp": "hard-mandatory",
  "redundancy-nexus": "hard-mandatory",
  "redundancy-crucible-pantry": "hard-mandatory",
  "expunges-present-hardware": "soft-mandatory",
  "sleds-changed": "advisory",
  "target-is-child": "hard-mandatory",
  "plan-hazards": "hard-mandatory",
};

/** Sleds one execution may change before `sleds-changed` fails (POLICY_MAX_SLEDS). */
export const DEFAULT_MAX_SLEDS_CHANGED = 8;

/** What the console last read of a sled from its agent's inventory. */
export interface ObservedSled {
  /** The agent answered: the sled is there and running. */
  reachable: boolean;
  /** The physical disks the agent reports present (unknown: undefined). */
  disks?: readonly DiskIdentity[];
}

export interface PolicyInput {
  parent: Blueprint;
  target: Blueprint;
  /** The rack's current blueprint id (null: the rack has none yet). */
  currentBlueprintId: string | null;
  /** How many hazards the plan's replay found (lib/plan/replay). */
  hazardCount: number;
  /** Inventory per sled id; a sled missing here is unknown, never assumed present. */
  observed?: Readonly<Record<string, ObservedSled>>;
  maxSledsChanged?: number;
  levels?: Partial<Record<PolicyId, PolicyLevel>>;
}

export interface PolicyResult {
  id: PolicyId;
  level: PolicyLevel;
  passed: boolean;
  message: string;
}

/** Every check, in POLICY_IDS order. */
export function checkPolicies(input: PolicyInput): PolicyResult[] {
  const levels = { ...DEFAULT_POLICY_LEVELS, ...input.levels };
  const change = zoneChange(input.parent, input.target);
  const checks: Record<PolicyId, () => Omit<PolicyResult, "id" | "level">> = {
    "cockroachdb-quorum": () => quorumCheck(change),
    "redundancy-internal-dns": () => redundancyCheck(change, "internal_dns"),
    "redundancy-boundary-ntp": () => redundancyCheck(change, "boundary_ntp"),
    "redundancy-nexus": () => redundancyCheck(change, "nexus"),
    "redundancy-crucible-pantry": () => redundancyCheck(change, "crucible_pantry"),
    "expunges-present-hardware": () => presentHardwareCheck(input),
    "sleds-changed": () =>
      sledsChangedCheck(input, input.maxSledsChanged ?? DEFAULT_MAX_SLEDS_CHANGED),
    "target-is-child": () => childCheck(input),
    "plan-hazards": () =>
      input.hazardCount === 0
        ? { passed: true, message: "the safe order has no hazards" }
        : {
            passed: false,
            message: `the plan has ${input.hazardCount} hazard${input.hazardCount === 1 ? "" : "s"}`,
          },
  };
  return POLICY_IDS.map((id) => ({ id, level: levels[id], ...checks[id]() }));
}

/** What the results ask of the people involved. */
export interface PolicyVerdict {
  /** Hard-mandatory failures: nobody may request or approve. */
  blocking: PolicyResult[];
  /** Soft-mandatory failures: an approver must override each with a written reason. */
  needsOverride: PolicyResult[];
  /** Advisory failures: shown. */
  advisories: PolicyResult[];
}

export function policyVerdict(results: readonly PolicyResult[]): PolicyVerdict {
  const failed = (level: PolicyLevel) => results.filter((r) => !r.passed && r.level === level);
  return {
    blocking: failed("hard-mandatory"),
    needsOverride: failed("soft-mandatory"),
    advisories: failed("advisory"),
  };
}

/** "2 policies block this change: …" — one line for a refusal. */
export function blockingMessage(blocking: readonly PolicyResult[]): string {
  const n = blocking.length;
  return `${n} hard-mandatory ${n === 1 ? "policy blocks" : "policies block"} this change: ${blocking
    .map((r) => `${r.id} (${r.message})`)
    .join("; ")}`;
}

// --- zone counts ---------------------------------------------------------------------

interface ZoneChange {
  /** In-service zones of each type in the parent and in the target. */
  before: Map<string, number>;
  after: Map<string, number>;
  /** Zones in service in the parent that the target expunges, removes or decommissions. */
  expunged: Map<string, number>;
}

const active = (sled: SledConfig) => sled.state !== "decommissioned";
const inService = (z: Zone) => z.disposition === "in_service";

function inServiceZones(bp: Blueprint): Map<string, Zone> {
  const out = new Map<string, Zone>();
  for (const sled of bp.sleds.filter(active))
    for (const zone of sled.zones.filter(inService)) out.set(zone.id, zone);
  return out;
}

function countByType(zones: Iterable<Zone>): Map<string, number> {
  const out = new Map<string, number>();
  for (const z of zones) out.set(z.zoneType.type, (out.get(z.zoneType.type) ?? 0) + 1);
  return out;
}

function zoneChange(parent: Blueprint, target: Blueprint): ZoneChange {
  const before = inServiceZones(parent);
  const after = inServiceZones(target);
  return {
    before: countByType(before.values()),
    after: countByType(after.values()),
    expunged: countByType([...before.values()].filter((z) => !after.has(z.id))),
  };
}

const plural = (n: number, word: string) => `${n} ${word} zone${n === 1 ? "" : "s"}`;

function quorumCheck(c: ZoneChange): Omit<PolicyResult, "id" | "level"> {
  const expunged = c.expunged.get("cockroach_db") ?? 0;
  const before = c.before.get("cockroach_db") ?? 0;
  const after = c.after.get("cockroach_db") ?? 0;
  if (expunged === 0) return { passed: true, message: "no CockroachDB zone is expunged" };
  const quorum = Math.floor(before / 2) + 1;
  const kept = `${after} of ${before} stay in service; a quorum is ${quorum}`;
  return after >= quorum
    ? { passed: true, message: `expunges ${plural(expunged, "CockroachDB")}: ${kept}` }
    : {
        passed: false,
        message: `expunges ${plural(expunged, "CockroachDB")}: only ${kept}, so the database would lose its quorum`,
      };
}

function redundancyCheck(c: ZoneChange, kind: RedundantKind): Omit<PolicyResult, "id" | "level"> {
  const words = KIND_WORDS[kind];
  const expunged = c.expunged.get(kind) ?? 0;
  const before = c.before.get(kind) ?? 0;
  const after = c.after.get(kind) ?? 0;
  if (expunged === 0) return { passed: true, message: `no ${words} zone is expunged` };
  const required = Math.min(REDUNDANCY[kind], before);
  if (after >= required)
    return {
      passed: true,
      message: `expunges ${plural(expunged, words)}; ${after} stay in service (omicron keeps ${REDUNDANCY[kind]})`,
    };
  return {
    passed: false,
    message:
      after === 0
        ? `expunges the last in-service ${words} zone${before === 1 ? "" : "s"} of the rack`
        : `expunges ${plural(expunged, words)}, leaving ${after} in service: omicron keeps ${REDUNDANCY[kind]}${before < REDUNDANCY[kind] ? ` and this rack had ${before}` : ""}`,
  };
}

// --- hardware still present ----------------------------------------------------------

const sameDisk = (a: DiskIdentity, b: DiskIdentity) =>
  a.vendor === b.vendor && a.model === b.model && a.serial === b.serial;

/**
 * The sleds whose inventory `expunges-present-hardware` needs: the parent's active sleds that
 * the target removes or decommissions, or on which it expunges a disk.
 */
export function sledsToObserve(parent: Blueprint, target: Blueprint): string[] {
  const after = new Map(target.sleds.map((s) => [s.id, s]));
  return parent.sleds.filter(active).flatMap((sled) => {
    const t = after.get(sled.id);
    if (!t || !active(t)) return [sled.id];
    const expunged = new Set(t.disks.filter((d) => d.disposition === "expunged").map((d) => d.id));
    return sled.disks.some((d) => d.disposition === "in_service" && expunged.has(d.id))
      ? [sled.id]
      : [];
  });
}

/** Sleds the target removes or decommissions, and disks it expunges, still seen healthy. */
function presentHardwareCheck(input: PolicyInput): Omit<PolicyResult, "id" | "level"> {
  const targetSleds = new Map(input.target.sleds.map((s) => [s.id, s]));
  const present: string[] = [];
  for (const sled of input.parent.sleds.filter(active)) {
    const seen = input.observed?.[sled.id];
    const after = targetSleds.get(sled.id);
    if (!after || !active(after)) {
      if (seen?.reachable) present.push(`sled ${sled.id} (its sled agent still answers)`);
      continue;
    }
    const afterDisks = new Map(after.disks.map((d) => [d.id, d]));
    for (const disk of sled.disks.filter((d) => d.disposition === "in_service")) {
      if (afterDisks.get(disk.id)?.disposition !== "expunged") continue;
      if (seen?.reachable && seen.disks?.some((d) => sameDisk(d, disk.identity)))
        present.push(`disk ${disk.id} (serial ${disk.identity.serial}) on sled ${sled.id}`);
    }
  }
  return present.length === 0
    ? {
        passed: true,
        message: "nothing expunged is still reported present and healthy by inventory",
      }
    : {
        passed: false,
        message: `inventory still shows present and healthy: ${present.join(", ")}`,
      };
}

// --- size and lineage ----------------------------------------------------------------

/** Sleds whose configuration differs between parent and target (added, removed or changed). */
export function changedSleds(parent: Blueprint, target: Blueprint): string[] {
  const before = new Map(parent.sleds.map((s) => [s.id, s]));
  const after = new Map(target.sleds.map((s) => [s.id, s]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.filter((id) => !sameJson(before.get(id) ?? null, after.get(id) ?? null));
}

function sledsChangedCheck(input: PolicyInput, max: number): Omit<PolicyResult, "id" | "level"> {
  const n = changedSleds(input.parent, input.target).length;
  const words = `changes ${n} sled${n === 1 ? "" : "s"}`;
  return n <= max
    ? { passed: true, message: `${words} (at most ${max} in one execution)` }
    : { passed: false, message: `${words}: more than ${max} in one execution` };
}

function childCheck(input: PolicyInput): Omit<PolicyResult, "id" | "level"> {
  const { parent, target, currentBlueprintId } = input;
  if (target.parentId !== parent.id)
    return {
      passed: false,
      message: `the target's parent is ${target.parentId ?? "none"}, not ${parent.id}`,
    };
  if (currentBlueprintId !== parent.id)
    return {
      passed: false,
      message: `the target is a child of ${parent.id}, but the rack's current blueprint is ${currentBlueprintId ?? "none"}`,
    };
  return { passed: true, message: "the target is a child of the rack's current blueprint" };
}

// --- approval rules ----------------------------------------------------------------------

export interface ApprovalRule {
  /** Distinct approvers needed, never the requester. */
  required: number;
  /** Why that many, in words. */
  reason: string;
}

/**
 * How many distinct approvers a change needs (Spacelift-style: riskier changes, more
 * reviewers): 2 when it takes a sled out of the rack or expunges any CockroachDB zone, else 1.
 */
export function approvalRule(parent: Blueprint, target: Blueprint): ApprovalRule {
  const after = new Map(target.sleds.map((s) => [s.id, s]));
  const sledsOut = parent.sleds
    .filter(active)
    .filter((s) => {
      const t = after.get(s.id);
      return !t || !active(t);
    })
    .map((s) => s.id);
  const crdb = zoneChange(parent, target).expunged.get("cockroach_db") ?? 0;
  const reasons: string[] = [];
  if (sledsOut.length)
    reasons.push(
      `takes ${sledsOut.length === 1 ? "a sled" : `${sledsOut.length} sleds`} out of the rack`,
    );
  if (crdb) reasons.push(`expunges ${plural(crdb, "CockroachDB")}`);
  return reasons.length
    ? { required: 2, reason: `two approvers: the change ${reasons.join(" and ")}` }
    : { required: 1, reason: "one approver" };
}
