/**
 * Nexus's planning reports, and the `blueprint_planner` / `blueprint_executor` background task
 * statuses, read into words an operator can act on (issue 19, "why is it waiting?").
 *
 * Sources (omicron @ b848b6df, copied in ../shared/omicron/planner/):
 * - `PlanningReport` and its step reports: nexus/types/src/deployment/planning_report.rs. A
 *   report arrives inlined in a blueprint's `source` (`{"source": "planner", ...report}`) or
 *   as `report` in the planner task's status.
 * - `BlueprintPlannerStatus`: nexus/types/src/internal_api/background.rs (externally tagged:
 *   `"Disabled"`, `{"Error": text}`, `{"LimitReached"|"Unchanged"|"Planned"|"Targeted": {…}}`),
 *   found at `last.details.details` of `GET /bgtasks/view/blueprint_planner`.
 * - The executor task's ad-hoc `json!` (nexus/src/app/background/tasks/blueprint_execution.rs).
 * - What each blocker means and what to check: the ops guide (docs/reconfigurator-ops-guide.adoc),
 *   table `debug-planner-blocked`, restated here in our own words with the section cited.
 *
 * Fails closed without throwing: a report missing a step or with a step of the wrong shape is
 * "not understood" (with the JSON paths); fields and enum variants this console does not know
 * are kept and listed raw (`unknown`), since omicron adds them often.
 */
import { z } from "zod";
import { issuesToErrors, type ImportError } from "../blueprint/issues";
import { plural } from "../util/words";

// ───────────────────────────── what the console says about a report ─────────────────────────────

export type ReportStep =
  | "expunge"
  | "decommission"
  | "noop_image_source"
  | "mgs_updates"
  | "add"
  | "zone_updates"
  | "nexus_generation_bump"
  | "cockroachdb_settings"
  | "measurement_updates";

export const REPORT_STEPS: readonly ReportStep[] = [
  "expunge",
  "decommission",
  "noop_image_source",
  "mgs_updates",
  "add",
  "zone_updates",
  "nexus_generation_bump",
  "cockroachdb_settings",
  "measurement_updates",
];

/** Something the planner did (or is doing) in this run. */
export interface ReportChange {
  step: ReportStep;
  /** "added" | "expunged" | "updated" | "decommissioned" | "converted" | "setting" | "measurements" | "mgs_update". */
  kind: string;
  text: string;
  /** Sled, zone, disk ids or baseboards the line is about. */
  subjects: string[];
}

/** Why a reason holds the planner back, and what to look at. */
export interface ReasonGuide {
  meaning: string;
  check: string;
  /** The ops guide section this restates (`reconfigurator-ops-guide.adoc#…`). */
  guide: string;
}

/** Something the planner is waiting on or cannot do. */
export interface ReportBlocker extends ReasonGuide {
  step: ReportStep;
  /** A stable code, e.g. `zone_updates_waiting_on.pending_mgs_updates`, `unsafe_zone.cockroachdb`. */
  reason: string;
  /** What the report says, close to omicron's own Display text. */
  text: string;
  subjects: string[];
}

export interface UnknownField {
  /** JSON path of a field (or enum variant) this console does not know. */
  path: string;
  value: unknown;
}

export interface ReportSummary {
  /** omicron's `is_empty`: nothing to do and measurements match inventory. */
  empty: boolean;
  changes: ReportChange[];
  blockers: ReportBlocker[];
  /** Lines that are neither (e.g. remaining out-of-date zones, target release generation 1). */
  notes: ReportChange[];
  unknown: UnknownField[];
}

export type PlanningReportRead =
  | { ok: true; summary: ReportSummary; raw: unknown }
  | { ok: false; message: string; issues: ImportError[]; raw: unknown };

// ───────────────────────────── the ops guide, in our words ─────────────────────────────

const GUIDE = "reconfigurator-ops-guide.adoc";
const BLOCKED = `${GUIDE}#debug-planner-blocked`;
const STALE_INVENTORY = `${GUIDE}#debug-stuck-inventory`;
const MGS = `${GUIDE}#task-collect-mgs-updates`;
const UNDERSTAND = `${GUIDE}#task-understand-planning-report`;
const PATIENCE =
  "On its own this is normal while an update runs; it matters when it has not cleared after 10–15 minutes.";

const INVENTORY_CHECK =
  "Is the sled agent (or SP) up and answering inventory? If not, debug that. If it is, is there a recent inventory collection that should include it, and has the inventory_loader task of the Nexus reporting this loaded it?";

/** One rule in one place: every reason code's meaning and what to check. */
export const REASON_GUIDE: Record<string, ReasonGuide> = {
  pending_mgs_update: {
    meaning: `An update driven through MGS (SP, RoT, RoT bootloader or host OS) was started and has not finished; the planner waits for it. ${PATIENCE}`,
    check:
      "Look at the ongoing MGS-driven updates (omdb nexus mgs-updates / update-status): which board, which component, and whether it is progressing or retrying.",
    guide: MGS,
  },
  blocked_mgs_update: {
    meaning:
      "An MGS-driven update (SP, RoT, RoT bootloader or host OS) is needed but the planner cannot start it; the reason below says why.",
    check:
      "Read the reason: a board or caboose missing from inventory points at inventory; unsafe zones point at the service at reduced availability; no matching artifact points at the TUF repo.",
    guide: BLOCKED,
  },
  "zone_updates_waiting_on.pending_mgs_updates": {
    meaning:
      "Control-plane zones are not updated while MGS-driven updates that were started have not finished.",
    check: "Debug the pending MGS update in the same report.",
    guide: BLOCKED,
  },
  "zone_updates_waiting_on.blocked_mgs_updates": {
    meaning:
      "Control-plane zones are not updated while MGS-driven updates that must happen first cannot be started.",
    check: "Debug the blocked MGS update in the same report.",
    guide: BLOCKED,
  },
  "zone_updates_waiting_on.inventory_propagation": {
    meaning:
      "The planner's last change (e.g. a zone added) is not yet visible in inventory, so it does not take the next step.",
    check:
      "Look at what the previous blueprint changed, then at inventory: does the sled show that change in its config, and has it reconciled its latest config? If inventory looks stale, debug inventory collection.",
    guide: BLOCKED,
  },
  "zone_updates_waiting_on.discretionary_zones": {
    meaning:
      "Zone updates wait until the discretionary zones (Nexus, DNS, CockroachDB, …) the planner wants are placed.",
    check:
      "Look at the add step of the same report: zones it could not place (too few eligible sleds) or sleds waiting for NTP.",
    guide: UNDERSTAND,
  },
  "zone_updates_waiting_on.zone_add_blockers": {
    meaning:
      "Zone updates are held by the same blockers as zone additions (typically a MUPdate not yet resolved).",
    check: "Resolve the blockers listed under the add step of the same report.",
    guide: BLOCKED,
  },
  "zone_updates_waiting_on.measurements": {
    meaning:
      "Zone updates wait for the sleds' reference measurements to change and show in inventory.",
    check: "Look at the measurement step of the same report: which sled, and what it waits for.",
    guide: UNDERSTAND,
  },
  "zone_adds_waiting_on.blockers": {
    meaning:
      "No zone is added (or updated) until the blockers listed with it clear; usually a MUPdate that has not been resolved.",
    check: "Resolve each listed blocker (see their own lines).",
    guide: BLOCKED,
  },
  "add_update_blocked.target_release_generation": {
    meaning:
      "One or more sleds were MUPdated since the operator last set the target release, so the planner will not add or update zones.",
    check:
      "Resolve the MUPdate: upload the TUF repo the sleds were MUPdated to and set the target release again (possibly to the same version).",
    guide: BLOCKED,
  },
  "add_update_blocked.other": {
    meaning:
      "Zone additions and updates are blocked for this reason (typically part of recovering from a MUPdate).",
    check:
      "Follow the MUPdate resolution process; check the sleds' image sources (install dataset vs artifact) and mupdate overrides.",
    guide: BLOCKED,
  },
  sled_not_in_inventory: {
    meaning:
      "The inventory collection the planner used has nothing from this sled, so this step skips it.",
    check: INVENTORY_CHECK,
    guide: BLOCKED,
  },
  sp_not_in_inventory: {
    meaning: "The inventory collection the planner used has nothing from this board's SP.",
    check: `${INVENTORY_CHECK} For an SP, inventory comes through MGS.`,
    guide: BLOCKED,
  },
  "unsafe_zone.cockroachdb": {
    meaning:
      "Shutting this zone down now would reduce CockroachDB's availability below what the planner accepts.",
    check:
      "Find why CockroachDB is already degraded: usually a recent step took out another node. Is it back and healthy (live nodes, under-replicated ranges)? Then check that inventory reflects it.",
    guide: BLOCKED,
  },
  "unsafe_zone.boundary_ntp": {
    meaning:
      "Too few boundary NTP zones are synchronized to shut this one down without losing time service.",
    check:
      "Find why boundary NTP is already degraded (often a recent step took out another one); is it back and synchronized, and does inventory show it?",
    guide: BLOCKED,
  },
  "unsafe_zone.internal_dns": {
    meaning:
      "Too few internal DNS zones are synchronized to shut this one down without losing internal DNS.",
    check:
      "Find why internal DNS is already degraded (often a recent step took out another one); is it back and serving the latest generation, and does inventory show it?",
    guide: BLOCKED,
  },
  unsafe_zones_on_sled: {
    meaning:
      "The update would reboot a sled holding a zone whose service (CockroachDB, internal DNS or boundary NTP) is already at reduced availability; the message names which.",
    check:
      "Find why that service is already degraded: usually a recent step took out another instance. Has it come back healthy, and does a recent inventory collection show it?",
    guide: BLOCKED,
  },
  "unsafe_zone.other": {
    meaning:
      "The planner considers this zone unsafe to shut down for a reason this console does not know.",
    check: "Read the raw reason; check the service's other instances.",
    guide: BLOCKED,
  },
  "nexus_generation_bump.found_old_non_nexus_zones": {
    meaning: "Handoff to the new Nexus waits until every non-Nexus zone runs the new release.",
    check: "Debug the 'zone updates waiting on' line of the same report.",
    guide: BLOCKED,
  },
  "nexus_generation_bump.missing_new_nexus_in_blueprint": {
    meaning: "Handoff to the new Nexus waits for the new Nexus zones to be planned.",
    check: "Look at the add step of the same report for Nexus zones not placed.",
    guide: UNDERSTAND,
  },
  "nexus_generation_bump.missing_nexus_database_access_records": {
    meaning: "Handoff waits for the new Nexus zones' database access records to be written.",
    check: "Check the blueprint executor's status: the step that writes db_metadata_nexus records.",
    guide: UNDERSTAND,
  },
  "nexus_generation_bump.missing_new_nexus_in_inventory": {
    meaning: "Handoff waits for the new Nexus zones to show up in inventory.",
    check: `Check that the new Nexus zones run and that inventory is fresh. ${INVENTORY_CHECK}`,
    guide: STALE_INVENTORY,
  },
  "measurements.blocked_add_update": {
    meaning: "Measurement updates wait on the same blockers as zone additions and updates.",
    check: "Resolve the blockers listed under the add step.",
    guide: BLOCKED,
  },
  "measurements.no_sled_agent_in_inventory": {
    meaning: "Measurements cannot be planned: inventory has no sled agent data for this sled.",
    check: INVENTORY_CHECK,
    guide: BLOCKED,
  },
  "measurements.no_sled_config": {
    meaning: "Measurements cannot be planned: this sled has not reconciled a sled config yet.",
    check: "Look at the sled's reconciler status in inventory (ledgered generation, errors).",
    guide: STALE_INVENTORY,
  },
  "measurements.still_install_dataset": {
    meaning:
      "This sled's measurements still come from its install dataset rather than an artifact (typical after a MUPdate).",
    check: "Follow the MUPdate resolution process for this sled.",
    guide: BLOCKED,
  },
  "measurements.waiting_on_inventory": {
    meaning: "New reference measurements were planned; the planner waits to see them in inventory.",
    check: "Check that the sleds reconciled their latest config and that inventory is fresh.",
    guide: STALE_INVENTORY,
  },
  "measurements.empty_measurements": {
    meaning: "The planner was given an empty measurement set.",
    check: "Check the target release's TUF repo: it should carry reference measurements.",
    guide: UNDERSTAND,
  },
  "measurements.other": {
    meaning: "A measurement step state this console does not know.",
    check: "Read the raw value.",
    guide: UNDERSTAND,
  },
  "ntp.not_in_inventory": {
    meaning:
      "The planner added NTP zones to these sleds and waits to see them in inventory before placing other zones there.",
    check: `Check the sleds reconciled the config with the NTP zone. ${INVENTORY_CHECK}`,
    guide: STALE_INVENTORY,
  },
  "ntp.no_zpools": {
    meaning: "These sleds have no zpool in service to put an NTP zone on.",
    check: "Check the sleds' disks: are they present, in service, and in inventory?",
    guide: UNDERSTAND,
  },
  "ntp.waiting_for_zone": {
    meaning: "Discretionary zones are not placed on these sleds until their NTP zone is up.",
    check: "Check that the NTP zone on each sled runs and is synchronized.",
    guide: UNDERSTAND,
  },
  out_of_eligible_sleds: {
    meaning:
      "The planner could not place as many zones of this kind as it wants: not enough eligible sleds.",
    check:
      "Check for sleds expunged, missing from inventory, or without NTP; add capacity if needed.",
    guide: UNDERSTAND,
  },
  "waiting_zone.nexus": {
    meaning: "An out-of-date Nexus zone is kept until handoff to the new Nexus generation is done.",
    check: "Look at the nexus_generation line of the same report.",
    guide: UNDERSTAND,
  },
  zombie_sleds: {
    meaning: "Sleds that were decommissioned appear as commissioned again.",
    check: "This should not happen: check the sleds' records in the database (omdb db sleds).",
    guide: UNDERSTAND,
  },
  orphan_disks: {
    meaning: "The planning input has expunged disks that the parent blueprint does not have.",
    check: "Check the physical disk records and the parent blueprint (omdb db physical-disks).",
    guide: UNDERSTAND,
  },
  unknown_variant: {
    meaning: "A state this console does not know yet (a newer Nexus); shown raw.",
    check: "Read the raw value; omdb shows it in Nexus's own words.",
    guide: UNDERSTAND,
  },
};

function blocker(
  step: ReportStep,
  reason: string,
  text: string,
  subjects: string[] = [],
): ReportBlocker {
  const g = REASON_GUIDE[reason] ?? REASON_GUIDE.unknown_variant;
  if (!g) throw new Error(`no guide for ${reason}`); // unreachable: unknown_variant is defined
  return { step, reason, text, subjects, ...g };
}

// ───────────────────────────── shapes ─────────────────────────────

const tagged = z.looseObject({ type: z.string() });
const strMap = <T extends z.ZodType>(v: T) => z.record(z.string(), v);
const zoneRef = z.looseObject({ id: z.string(), kind: z.string() });
const baseboard = z.looseObject({ part_number: z.string(), serial_number: z.string() });

const expungeStep = z.looseObject({ orphan_disks: strMap(z.string()) });
const decommissionStep = z.looseObject({ zombie_sleds: z.array(z.string()) });
const noopStep = z.looseObject({
  no_target_release: z.boolean(),
  skipped_sled_zones: strMap(tagged),
  skipped_sled_host_phase_2: strMap(tagged),
  skipped_sled_measurements: strMap(tagged),
  skipped_zones: strMap(tagged),
  converted: strMap(
    z.looseObject({
      num_eligible: z.number(),
      num_dataset: z.number(),
      host_phase_2_slot_a_eligible: z.boolean(),
      host_phase_2_slot_b_eligible: z.boolean(),
      measurement_eligible: z.boolean(),
    }),
  ),
  sled_zones_all_already_artifact: z.array(z.string()),
  sled_host_phase_2_both_already_artifact: z.array(z.string()),
  sled_measurements_already_artifact: z.array(z.string()),
});
const mgsStep = z.looseObject({
  blocked_mgs_updates: z.array(
    z.looseObject({
      baseboard_id: baseboard,
      reason: z.looseObject({ type: z.string(), value: z.unknown() }),
    }),
  ),
  pending_mgs_updates: z.looseObject({
    by_baseboard: z.array(
      z.looseObject({
        baseboard_id: baseboard,
        sp_type: z.unknown(),
        slot_id: z.unknown(),
        artifact_version: z.unknown(),
        details: z.unknown(),
      }),
    ),
  }),
});
const addStep = z.looseObject({
  waiting_on: tagged.nullish(),
  add_update_blocked_reasons: z.array(z.string()),
  target_release_generation_is_one: z.boolean(),
  sleds_without_ntp_zones_in_inventory: z.array(z.string()),
  sleds_without_zpools_for_ntp_zones: z.array(z.string()),
  sleds_waiting_for_ntp_zone: z.array(z.string()),
  sleds_getting_ntp_and_discretionary_zones: z.array(z.string()),
  sleds_missing_ntp_zone: z.array(z.string()),
  sleds_missing_crucible_zone: strMap(z.array(z.string())),
  out_of_eligible_sleds: strMap(z.looseObject({ placed: z.number(), wanted_to_place: z.number() })),
  sufficient_zones_exist: strMap(z.unknown()),
  discretionary_zones_placed: strMap(
    z.array(z.looseObject({ kind: z.string(), source: z.string() })),
  ),
});
const zoneUpdatesStep = z.looseObject({
  waiting_on: tagged.nullish(),
  out_of_date_zones: strMap(z.array(z.looseObject({ zone: zoneRef }))),
  expunged_zones: strMap(z.array(zoneRef)),
  updated_zones: strMap(z.array(zoneRef)),
  unsafe_zones: strMap(tagged),
  waiting_zones: strMap(tagged),
});
const nexusBumpStep = z.looseObject({ component: z.string(), value: z.unknown().optional() });
const crdbStep = z.looseObject({
  preserve_downgrade: z.looseObject({ action: z.string(), data: z.unknown().optional() }),
});
const measurementStep = tagged;

export const planningReportSchema = z.looseObject({
  planner_config: z.record(z.string(), z.unknown()),
  expunge: expungeStep,
  decommission: decommissionStep,
  noop_image_source: noopStep,
  mgs_updates: mgsStep,
  add: addStep,
  zone_updates: zoneUpdatesStep,
  nexus_generation_bump: nexusBumpStep,
  cockroachdb_settings: crdbStep,
  measurement_updates: measurementStep,
});
type Report = z.infer<typeof planningReportSchema>;

/** The keys each object of the report has at omicron b848b6df; others are listed as unknown. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": ["planner_config", ...REPORT_STEPS],
  expunge: ["orphan_disks"],
  decommission: ["zombie_sleds"],
  noop_image_source: Object.keys(noopStep.shape),
  mgs_updates: ["blocked_mgs_updates", "pending_mgs_updates"],
  add: Object.keys(addStep.shape),
  zone_updates: Object.keys(zoneUpdatesStep.shape),
  nexus_generation_bump: ["component", "value"],
  cockroachdb_settings: ["preserve_downgrade"],
};

const KNOWN_VARIANTS: Record<string, readonly string[]> = {
  "add.waiting_on": ["blockers"],
  "zone_updates.waiting_on": [
    "blocked_mgs_updates",
    "discretionary_zones",
    "inventory_propagation",
    "pending_mgs_updates",
    "zone_add_blockers",
    "measurements",
  ],
  "zone_updates.unsafe_zones": ["cockroachdb", "boundary_ntp", "internal_dns"],
  "zone_updates.waiting_zones": ["nexus"],
  "nexus_generation_bump.component": ["nothing_to_report", "waiting_on", "bumping_generation"],
  "nexus_generation_bump.value": [
    "found_old_non_nexus_zones",
    "missing_new_nexus_in_blueprint",
    "missing_nexus_database_access_records",
    "missing_new_nexus_in_inventory",
  ],
  measurement_updates: [
    "modified",
    "blocked_add_update",
    "empty_measurements",
    "no_sled_agent_in_inventory",
    "no_sled_config",
    "still_install_dataset",
    "waiting_on_inventory",
    "matches_inventory",
  ],
};

function unknownKeys(report: Record<string, unknown>): UnknownField[] {
  const out: UnknownField[] = [];
  for (const [path, known] of Object.entries(KNOWN_KEYS)) {
    const obj = path === "" ? report : report[path];
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) continue;
    for (const [k, v] of Object.entries(obj))
      if (!known.includes(k)) out.push({ path: path === "" ? k : `${path}.${k}`, value: v });
  }
  return out;
}

// ───────────────────────────── reading a report ─────────────────────────────

const board = (b: { part_number: string; serial_number: string }) =>
  `${b.part_number}:${b.serial_number}`;

const list = (ids: readonly string[]) => ids.join(", ");

/** A value as short text: strings as they are, anything else as compact JSON. */
function show(v: unknown): string {
  if (typeof v === "string") return v;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}

/** A tagged reason (`{type, value?}`, nested) as text, e.g. `unsafe_zone_found: …`. */
function showReason(r: unknown): string {
  if (typeof r !== "object" || r === null) return show(r);
  const { type, value, ...rest } = r as Record<string, unknown>;
  if (typeof type !== "string") return show(r);
  const inner =
    value === undefined
      ? Object.keys(rest).length > 0
        ? show(rest)
        : ""
      : typeof value === "object" && value !== null && "type" in value
        ? showReason(value)
        : show(value);
  return inner ? `${type.replaceAll("_", " ")}: ${inner}` : type.replaceAll("_", " ");
}

function hasType(r: unknown, type: string): boolean {
  if (typeof r !== "object" || r === null) return false;
  const o = r as Record<string, unknown>;
  return o.type === type || hasType(o.value, type);
}

const ZONE_WAITING_TEXT: Record<string, string> = {
  blocked_mgs_updates: "blocked MGS updates (RoT bootloader / RoT / SP / Host OS)",
  discretionary_zones: "discretionary zones",
  inventory_propagation: "zone propagation to inventory",
  pending_mgs_updates: "pending MGS updates (RoT bootloader / RoT / SP / Host OS)",
  zone_add_blockers: "zone add blockers",
  measurements: "reference measurement changes",
};

const NEXUS_WAITING_TEXT: Record<string, string> = {
  found_old_non_nexus_zones: "some non-Nexus zone are not yet updated",
  missing_new_nexus_in_blueprint: "new Nexus zones have not been planned yet",
  missing_nexus_database_access_records: "new Nexus zones do not have database records yet",
  missing_new_nexus_in_inventory: "new Nexus zones are not in inventory yet",
};

function unsafeText(u: z.infer<typeof tagged>): string {
  const o = u as Record<string, unknown>;
  if (u.type === "cockroachdb") return `cockroach unsafe to shut down: ${showReason(o.reason)}`;
  if (u.type === "boundary_ntp")
    return `only ${show(o.synchronized_count)}/${show(o.total_boundary_ntp_zones)} boundary NTP zones are synchronized`;
  if (u.type === "internal_dns")
    return `only ${show(o.synchronized_count)}/${show(o.total_internal_dns_zones)} internal DNS zones are synchronized`;
  return showReason(u);
}

function readMgs(r: Report, changes: ReportChange[], blockers: ReportBlocker[]) {
  for (const p of r.mgs_updates.pending_mgs_updates.by_baseboard) {
    const what =
      typeof p.details === "object" && p.details !== null && "component" in p.details
        ? show(p.details.component)
        : "component";
    const text = `pending MGS update of ${board(p.baseboard_id)} (${what}) to ${show(p.artifact_version)}`;
    changes.push({
      step: "mgs_updates",
      kind: "mgs_update",
      text,
      subjects: [board(p.baseboard_id)],
    });
    blockers.push(blocker("mgs_updates", "pending_mgs_update", text, [board(p.baseboard_id)]));
  }
  for (const b of r.mgs_updates.blocked_mgs_updates) {
    const who = board(b.baseboard_id);
    const text = `blocked MGS update of ${who} (${b.reason.type.replaceAll("_", " ")}): ${showReason(b.reason.value)}`;
    blockers.push(blocker("mgs_updates", "blocked_mgs_update", text, [who]));
    if (hasType(b.reason, "sp_not_in_inventory"))
      blockers.push(
        blocker("mgs_updates", "sp_not_in_inventory", `SP of ${who} not in inventory`, [who]),
      );
    if (hasType(b.reason, "unsafe_zone_found"))
      blockers.push(
        blocker(
          "mgs_updates",
          "unsafe_zones_on_sled",
          `sled ${who} contains zones that are unsafe to shut down: ${showReason(b.reason.value)}`,
          [who],
        ),
      );
  }
}

function readAdd(r: Report, s: ReportSummary) {
  const a = r.add;
  if (a.waiting_on) {
    const known = KNOWN_VARIANTS["add.waiting_on"]?.includes(a.waiting_on.type);
    s.blockers.push(
      blocker(
        "add",
        known ? `zone_adds_waiting_on.${a.waiting_on.type}` : "unknown_variant",
        `zone adds waiting on ${a.waiting_on.type.replaceAll("_", " ")}`,
      ),
    );
  }
  for (const reason of a.add_update_blocked_reasons) {
    const code = /target release generation .* lower than minimum required/.test(reason)
      ? "add_update_blocked.target_release_generation"
      : "add_update_blocked.other";
    s.blockers.push(blocker("add", code, `zone adds and updates are blocked: ${reason}`));
  }
  if (a.target_release_generation_is_one)
    s.notes.push({
      step: "add",
      kind: "note",
      text: "adding zones despite being blocked, because: target release generation is 1",
      subjects: [],
    });
  const ntp = (ids: string[], reason: string, text: string) => {
    if (ids.length > 0) s.blockers.push(blocker("add", reason, `${text}: ${list(ids)}`, ids));
  };
  ntp(
    a.sleds_without_ntp_zones_in_inventory,
    "ntp.not_in_inventory",
    "waiting for NTP zones to appear in inventory on sleds",
  );
  ntp(
    a.sleds_without_zpools_for_ntp_zones,
    "ntp.no_zpools",
    "no zpools in service for NTP zones on sleds",
  );
  ntp(
    a.sleds_waiting_for_ntp_zone,
    "ntp.waiting_for_zone",
    "discretionary zone placement waiting for NTP zones on sleds",
  );
  if (a.sleds_getting_ntp_and_discretionary_zones.length > 0)
    s.notes.push({
      step: "add",
      kind: "note",
      text: `sleds getting NTP zones that already have other services (eligible for discretionary zones): ${list(a.sleds_getting_ntp_and_discretionary_zones)}`,
      subjects: a.sleds_getting_ntp_and_discretionary_zones,
    });
  for (const sled of a.sleds_missing_ntp_zone)
    s.changes.push({
      step: "add",
      kind: "added",
      text: `adding the missing NTP zone on sled ${sled}`,
      subjects: [sled],
    });
  for (const [sled, pools] of Object.entries(a.sleds_missing_crucible_zone))
    for (const pool of pools)
      s.changes.push({
        step: "add",
        kind: "added",
        text: `adding the missing Crucible zone on sled ${sled}, zpool ${pool}`,
        subjects: [sled, pool],
      });
  for (const [kind, o] of Object.entries(a.out_of_eligible_sleds))
    s.blockers.push(
      blocker(
        "add",
        "out_of_eligible_sleds",
        `only placed ${o.placed}/${o.wanted_to_place} desired ${kind} zones`,
      ),
    );
  for (const [sled, placements] of Object.entries(a.discretionary_zones_placed))
    for (const p of placements)
      s.changes.push({
        step: "add",
        kind: "added",
        text: `${p.kind} zone placed on sled ${sled} (from ${p.source})`,
        subjects: [sled],
      });
}

function readZoneUpdates(r: Report, s: ReportSummary) {
  const z = r.zone_updates;
  if (z.waiting_on) {
    const t = z.waiting_on.type;
    const known = KNOWN_VARIANTS["zone_updates.waiting_on"]?.includes(t);
    s.blockers.push(
      blocker(
        "zone_updates",
        known ? `zone_updates_waiting_on.${t}` : "unknown_variant",
        `zone updates waiting on ${ZONE_WAITING_TEXT[t] ?? t.replaceAll("_", " ")}`,
      ),
    );
  }
  for (const [sled, zones] of Object.entries(z.expunged_zones))
    for (const zone of zones)
      s.changes.push({
        step: "zone_updates",
        kind: "expunged",
        text: `out-of-date ${zone.kind} zone ${zone.id} on sled ${sled} expunged (to be replaced by an up-to-date one)`,
        subjects: [sled, zone.id],
      });
  for (const [sled, zones] of Object.entries(z.updated_zones))
    for (const zone of zones)
      s.changes.push({
        step: "zone_updates",
        kind: "updated",
        text: `out-of-date ${zone.kind} zone ${zone.id} on sled ${sled} updated in place`,
        subjects: [sled, zone.id],
      });
  const remaining = Object.values(z.out_of_date_zones).reduce((n, v) => n + v.length, 0);
  if (remaining > 0)
    s.notes.push({
      step: "zone_updates",
      kind: "progress",
      text: `${plural(remaining, "remaining out-of-date zone")}`,
      subjects: Object.keys(z.out_of_date_zones),
    });
  for (const [zone, u] of Object.entries(z.unsafe_zones)) {
    const known = KNOWN_VARIANTS["zone_updates.unsafe_zones"]?.includes(u.type);
    s.blockers.push(
      blocker(
        "zone_updates",
        known ? `unsafe_zone.${u.type}` : "unsafe_zone.other",
        `zone ${zone} not ready to shut down safely: ${unsafeText(u)}`,
        [zone],
      ),
    );
  }
  for (const [zone, w] of Object.entries(z.waiting_zones)) {
    const gen = (w as Record<string, unknown>).zone_generation;
    s.blockers.push(
      w.type === "nexus"
        ? blocker(
            "zone_updates",
            "waiting_zone.nexus",
            `zone ${zone} waiting to be expunged: nexus image out-of-date, but nexus_generation ${show(gen)} is still active`,
            [zone],
          )
        : blocker(
            "zone_updates",
            "unknown_variant",
            `zone ${zone} waiting to be expunged: ${showReason(w)}`,
            [zone],
          ),
    );
  }
}

function readNoop(r: Report, s: ReportSummary) {
  const n = r.noop_image_source;
  if (n.no_target_release) {
    s.notes.push({
      step: "noop_image_source",
      kind: "note",
      text: "skipping noop image source check for all sleds (no current TUF repo)",
      subjects: [],
    });
    return;
  }
  const skipped = (m: Record<string, z.infer<typeof tagged>>, what: string) => {
    for (const [sled, reason] of Object.entries(m)) {
      const text = `skipping noop ${what} check on sled ${sled}: ${showReason(reason)}`;
      if (reason.type === "sled_not_in_inventory")
        s.blockers.push(blocker("noop_image_source", "sled_not_in_inventory", text, [sled]));
      else s.notes.push({ step: "noop_image_source", kind: "note", text, subjects: [sled] });
    }
  };
  skipped(n.skipped_sled_zones, "zone image source");
  skipped(n.skipped_sled_host_phase_2, "host phase 2 desired contents");
  skipped(n.skipped_sled_measurements, "measurement desired contents");
  for (const [sled, c] of Object.entries(n.converted)) {
    const add = (text: string) =>
      s.changes.push({ step: "noop_image_source", kind: "converted", text, subjects: [sled] });
    if (c.num_eligible > 0 && c.num_dataset > 0)
      add(
        `noop converting ${c.num_eligible}/${c.num_dataset} install-dataset zones to artifact store on sled ${sled}`,
      );
    if (c.host_phase_2_slot_a_eligible)
      add(`noop converting host phase 2 slot A to Artifact on sled ${sled}`);
    if (c.host_phase_2_slot_b_eligible)
      add(`noop converting host phase 2 slot B to Artifact on sled ${sled}`);
    if (c.measurement_eligible)
      add(`noop converting current measurements to Artifact on sled ${sled}`);
  }
}

function readNexusBump(r: Report, s: ReportSummary) {
  const b = r.nexus_generation_bump;
  if (b.component === "nothing_to_report") return;
  if (b.component === "bumping_generation") {
    s.changes.push({
      step: "nexus_generation_bump",
      kind: "updated",
      text: `updating top-level nexus_generation to ${show(b.value)} (handoff to the new Nexus)`,
      subjects: [],
    });
    return;
  }
  const t =
    b.component === "waiting_on" && typeof b.value === "object" && b.value !== null
      ? (b.value as { type?: unknown }).type
      : undefined;
  if (typeof t === "string" && NEXUS_WAITING_TEXT[t])
    s.blockers.push(
      blocker(
        "nexus_generation_bump",
        `nexus_generation_bump.${t}`,
        `waiting to update top-level nexus_generation: ${NEXUS_WAITING_TEXT[t]}`,
      ),
    );
  else
    s.blockers.push(
      blocker(
        "nexus_generation_bump",
        "unknown_variant",
        `nexus_generation: ${b.component} ${show(b.value ?? "")}`.trim(),
      ),
    );
}

function readMeasurements(r: Report, s: ReportSummary) {
  const m = r.measurement_updates as Record<string, unknown> & { type: string };
  const sled = typeof m.sled_id === "string" ? m.sled_id : null;
  const subjects = sled ? [sled] : [];
  switch (m.type) {
    case "matches_inventory":
      return;
    case "modified":
      if (typeof m.count === "number" && m.count > 0)
        s.changes.push({
          step: "measurement_updates",
          kind: "measurements",
          text: `${plural(m.count, "reference measurement modification")}`,
          subjects,
        });
      return;
    case "blocked_add_update":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.blocked_add_update",
          "measurement updates waiting on zone add/update blockers",
        ),
      );
    case "empty_measurements":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.empty_measurements",
          "attempted to plan with an empty measurement set",
        ),
      );
    case "no_sled_agent_in_inventory":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.no_sled_agent_in_inventory",
          `missing sled agent inventory for sled ${sled ?? "?"}`,
          subjects,
        ),
      );
    case "no_sled_config":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.no_sled_config",
          `no reconciled sled config for sled ${sled ?? "?"}`,
          subjects,
        ),
      );
    case "still_install_dataset":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.still_install_dataset",
          `sled ${sled ?? "?"} still using install dataset measurements`,
          subjects,
        ),
      );
    case "waiting_on_inventory":
      return void s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.waiting_on_inventory",
          "waiting on measurements to match in inventory",
        ),
      );
    default:
      s.blockers.push(
        blocker(
          "measurement_updates",
          "measurements.other",
          `measurement updates: ${showReason(m)}`,
          subjects,
        ),
      );
  }
}

function unknownVariants(r: Report): UnknownField[] {
  const out: UnknownField[] = [];
  const check = (path: string, type: unknown, value: unknown) => {
    if (typeof type === "string" && !KNOWN_VARIANTS[path]?.includes(type))
      out.push({ path, value });
  };
  if (r.add.waiting_on) check("add.waiting_on", r.add.waiting_on.type, r.add.waiting_on);
  if (r.zone_updates.waiting_on)
    check("zone_updates.waiting_on", r.zone_updates.waiting_on.type, r.zone_updates.waiting_on);
  for (const [id, u] of Object.entries(r.zone_updates.unsafe_zones))
    if (!KNOWN_VARIANTS["zone_updates.unsafe_zones"]?.includes(u.type))
      out.push({ path: `zone_updates.unsafe_zones.${id}`, value: u });
  for (const [id, w] of Object.entries(r.zone_updates.waiting_zones))
    if (!KNOWN_VARIANTS["zone_updates.waiting_zones"]?.includes(w.type))
      out.push({ path: `zone_updates.waiting_zones.${id}`, value: w });
  const b = r.nexus_generation_bump;
  check("nexus_generation_bump.component", b.component, b);
  if (b.component === "waiting_on" && typeof b.value === "object" && b.value !== null)
    check("nexus_generation_bump.value", (b.value as { type?: unknown }).type, b.value);
  check("measurement_updates", r.measurement_updates.type, r.measurement_updates);
  return out;
}

function isEmpty(r: Report): boolean {
  const n = r.noop_image_source;
  const noopEmpty =
    !n.no_target_release &&
    Object.keys(n.skipped_sled_zones).length === 0 &&
    Object.keys(n.skipped_sled_host_phase_2).length === 0 &&
    Object.keys(n.skipped_sled_measurements).length === 0 &&
    Object.keys(n.skipped_zones).length === 0 &&
    Object.keys(n.converted).length === 0;
  const a = r.add;
  const addEmpty =
    !a.waiting_on &&
    a.add_update_blocked_reasons.length === 0 &&
    !a.target_release_generation_is_one &&
    a.sleds_without_ntp_zones_in_inventory.length === 0 &&
    a.sleds_without_zpools_for_ntp_zones.length === 0 &&
    a.sleds_waiting_for_ntp_zone.length === 0 &&
    a.sleds_getting_ntp_and_discretionary_zones.length === 0 &&
    a.sleds_missing_ntp_zone.length === 0 &&
    Object.keys(a.sleds_missing_crucible_zone).length === 0 &&
    Object.keys(a.out_of_eligible_sleds).length === 0 &&
    Object.keys(a.discretionary_zones_placed).length === 0;
  const z = r.zone_updates;
  const zEmpty =
    !z.waiting_on &&
    [z.out_of_date_zones, z.expunged_zones, z.updated_zones, z.unsafe_zones, z.waiting_zones].every(
      (m) => Object.keys(m).length === 0,
    );
  return (
    Object.keys(r.expunge.orphan_disks).length === 0 &&
    r.decommission.zombie_sleds.length === 0 &&
    noopEmpty &&
    r.mgs_updates.blocked_mgs_updates.length === 0 &&
    r.mgs_updates.pending_mgs_updates.by_baseboard.length === 0 &&
    addEmpty &&
    zEmpty &&
    r.nexus_generation_bump.component === "nothing_to_report" &&
    r.cockroachdb_settings.preserve_downgrade.action === "do_not_modify" &&
    r.measurement_updates.type === "matches_inventory"
  );
}

/**
 * A `PlanningReport` (bare, as in the planner task's status) or a blueprint `source` of tag
 * `planner` (the report's fields beside `source`). Never throws.
 */
export function readPlanningReport(input: unknown): PlanningReportRead {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return {
      ok: false,
      message: "Not understood: a planning report is a JSON object.",
      issues: [{ path: "(root)", message: "expected an object" }],
      raw: input,
    };
  const { source, ...rest } = input as Record<string, unknown>;
  if (source !== undefined && source !== "planner")
    return {
      ok: false,
      message: `Not understood: a blueprint source of tag ${show(source)} carries no planning report.`,
      issues: [{ path: "source", message: 'expected "planner"' }],
      raw: input,
    };
  const parsed = planningReportSchema.safeParse(rest);
  if (!parsed.success)
    return {
      ok: false,
      message:
        "Not understood: this planning report does not have the shape of omicron's PlanningReport (a step is missing or of another type); it is kept raw.",
      issues: issuesToErrors(parsed.error.issues),
      raw: input,
    };
  const r = parsed.data;
  const s: ReportSummary = {
    empty: isEmpty(r),
    changes: [],
    blockers: [],
    notes: [],
    unknown: [...unknownKeys(rest), ...unknownVariants(r)],
  };
  for (const [sled, disk] of Object.entries(r.expunge.orphan_disks))
    s.blockers.push(
      blocker(
        "expunge",
        "orphan_disks",
        `expunged disk ${disk} on sled ${sled} is not in the parent blueprint`,
        [sled, disk],
      ),
    );
  if (r.decommission.zombie_sleds.length > 0)
    s.blockers.push(
      blocker(
        "decommission",
        "zombie_sleds",
        `${plural(r.decommission.zombie_sleds.length, "decommissioned sled")} returned as commissioned: ${list(r.decommission.zombie_sleds)}`,
        r.decommission.zombie_sleds,
      ),
    );
  readNoop(r, s);
  readMgs(r, s.changes, s.blockers);
  readAdd(r, s);
  readZoneUpdates(r, s);
  readNexusBump(r, s);
  const pd = r.cockroachdb_settings.preserve_downgrade;
  if (pd.action !== "do_not_modify")
    s.changes.push({
      step: "cockroachdb_settings",
      kind: "setting",
      text: `will ensure cockroachdb setting preserve_downgrade: ${pd.action}${pd.data === undefined ? "" : ` ${show(pd.data)}`}`,
      subjects: [],
    });
  readMeasurements(r, s);
  return { ok: true, summary: s, raw: input };
}

/** The report a blueprint's `source` carries, or null when it carries none (any other tag). */
export function reportOfBlueprintSource(source: unknown): PlanningReportRead | null {
  if (typeof source !== "object" || source === null) return null;
  return (source as { source?: unknown }).source === "planner" ? readPlanningReport(source) : null;
}

/** One line per blocker reason: what the planner waits on, for a "stalled" warning. */
export function waitingOn(summary: ReportSummary): string[] {
  return [...new Set(summary.blockers.map((b) => b.text))];
}

// ───────────────────────────── background tasks ─────────────────────────────

export interface BgTaskRun {
  iteration: number;
  startTime: string;
  reason: string;
  elapsedMs: number;
  /** The task's own status (`last.details.details`), unparsed. */
  details: unknown;
}

export type BgTaskRead =
  | {
      ok: true;
      name: string;
      running: boolean;
      periodMs: number | null;
      /** null: never completed. */
      last: BgTaskRun | null;
    }
  | { ok: false; issues: ImportError[] };

const duration = z.looseObject({ secs: z.number().min(0), nanos: z.number().min(0) });
const bgTaskSchema = z.looseObject({
  name: z.string(),
  period: duration.optional(),
  current: z.looseObject({ current_status: z.string() }),
  last: z.discriminatedUnion("last_result", [
    z.looseObject({ last_result: z.literal("never_completed") }),
    z.looseObject({
      last_result: z.literal("completed"),
      details: z.looseObject({
        iteration: z.number(),
        start_time: z.string(),
        reason: z.string(),
        elapsed: duration,
        details: z.unknown(),
      }),
    }),
  ]),
});

const ms = (d: { secs: number; nanos: number }) => d.secs * 1000 + Math.round(d.nanos / 1e6);

/** `BackgroundTask` of `GET /bgtasks/view/{name}`. */
export function readBgTask(input: unknown): BgTaskRead {
  const r = bgTaskSchema.safeParse(input);
  if (!r.success) return { ok: false, issues: issuesToErrors(r.error.issues) };
  const t = r.data;
  return {
    ok: true,
    name: t.name,
    running: t.current.current_status === "running",
    periodMs: t.period ? ms(t.period) : null,
    last:
      t.last.last_result === "completed"
        ? {
            iteration: t.last.details.iteration,
            startTime: t.last.details.start_time,
            reason: t.last.details.reason,
            elapsedMs: ms(t.last.details.elapsed),
            details: t.last.details.details,
          }
        : null,
  };
}

export type PlannerStatusKind =
  "disabled" | "error" | "limit_reached" | "unchanged" | "planned" | "targeted" | "not_understood";

export type PlannerStatus =
  | { kind: "disabled"; text: string }
  | { kind: "error"; text: string; error: string }
  | { kind: "limit_reached"; text: string; limit: number | null; report: PlanningReportRead }
  | {
      kind: "unchanged";
      text: string;
      parentBlueprintId: string;
      blueprintCount: number | null;
      limit: number | null;
      report: PlanningReportRead;
    }
  | {
      kind: "planned";
      text: string;
      parentBlueprintId: string;
      error: string;
      blueprintCount: number | null;
      limit: number | null;
      report: PlanningReportRead;
    }
  | {
      kind: "targeted";
      text: string;
      parentBlueprintId: string;
      blueprintId: string;
      blueprintCount: number | null;
      limit: number | null;
      report: PlanningReportRead;
    }
  | { kind: "not_understood"; text: string; raw: unknown };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** `BlueprintPlannerStatus`, as found at `last.details.details`. Never throws. */
export function readPlannerStatus(details: unknown): PlannerStatus {
  const notUnderstood = (why: string): PlannerStatus => ({
    kind: "not_understood",
    text: `Not understood: ${why}; kept raw.`,
    raw: details,
  });
  if (details === "Disabled")
    return {
      kind: "disabled",
      text: "Planning is disabled (the reconfigurator config turns the planner off, or it is not loaded yet).",
    };
  if (typeof details !== "object" || details === null || Array.isArray(details))
    return notUnderstood('the planner status is neither "Disabled" nor an object');
  const o = details as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === "error" && typeof o.error === "string")
    return {
      kind: "error",
      text: `The planner's status could not be read by Nexus: ${o.error}`,
      error: o.error,
    };
  if (keys.length !== 1)
    return notUnderstood(`expected one variant, found keys ${keys.join(", ") || "none"}`);
  const tag = keys[0] ?? "";
  const v = o[tag];
  if (tag === "Error")
    return typeof v === "string"
      ? { kind: "error", text: `Planning failed: ${v}`, error: v }
      : notUnderstood("Error without a message");
  if (typeof v !== "object" || v === null) return notUnderstood(`${tag} without its fields`);
  const f = v as Record<string, unknown>;
  const report = readPlanningReport(f.report);
  const common = { blueprintCount: num(f.blueprint_count), limit: num(f.limit), report };
  const parent = typeof f.parent_blueprint_id === "string" ? f.parent_blueprint_id : null;
  switch (tag) {
    case "LimitReached":
      return {
        kind: "limit_reached",
        text: `The blueprint limit (${show(f.limit)}) was reached, so automatic planning stopped; delete old blueprints (omdb reconfigurator archive).`,
        limit: num(f.limit),
        report,
      };
    case "Unchanged":
      if (!parent) return notUnderstood("Unchanged without parent_blueprint_id");
      return {
        kind: "unchanged",
        text: `Planning from ${parent} produced nothing new (the plan equals the target); Nexus discarded it.`,
        parentBlueprintId: parent,
        ...common,
      };
    case "Planned": {
      if (!parent) return notUnderstood("Planned without parent_blueprint_id");
      const error = typeof f.error === "string" ? f.error : show(f.error);
      return {
        kind: "planned",
        text: `A blueprint was planned from ${parent} but could not be made the target, so it was deleted: ${error}`,
        parentBlueprintId: parent,
        error,
        ...common,
      };
    }
    case "Targeted": {
      if (!parent || typeof f.blueprint_id !== "string")
        return notUnderstood("Targeted without parent_blueprint_id or blueprint_id");
      return {
        kind: "targeted",
        text: `Planned blueprint ${f.blueprint_id} from ${parent} and made it the target.`,
        parentBlueprintId: parent,
        blueprintId: f.blueprint_id,
        ...common,
      };
    }
    default:
      return notUnderstood(`unknown planner status ${tag}`);
  }
}

/** The report in a planner status, when it has one that was read. */
export function reportOfPlannerStatus(s: PlannerStatus): PlanningReportRead | null {
  return "report" in s ? s.report : null;
}

// ───────────────────────────── executor ─────────────────────────────

export interface ExecutorStep {
  /** The step's description (e.g. "Deploy sled configs"), or its id. */
  step: string;
  component: string | null;
  outcome: "success" | "warning" | "skipped" | "failed" | "aborted";
  message: string | null;
}

export type ExecutorStatus =
  | { kind: "no_blueprint"; text: string }
  | { kind: "disabled"; text: string; targetId: string }
  | {
      kind: "ran";
      text: string;
      targetId: string;
      ok: boolean;
      /** `execution_error`'s message chain, null when it succeeded. */
      error: string | null;
      needsSagaRecovery: boolean | null;
      steps: ExecutorStep[];
      /** The event report could not be produced (`{"Err": …}`) or read. */
      reportError: string | null;
    }
  | { kind: "not_understood"; text: string; raw: unknown };

/** `SerializableError` `{message, cause?}` as one line. */
function errorChain(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 10 && typeof cur === "object" && cur !== null; i++) {
    const c = cur as { message?: unknown; cause?: unknown };
    parts.push(typeof c.message === "string" ? c.message : show(c));
    cur = c.cause;
  }
  return parts.length > 0 ? parts.join(": ") : show(e);
}

const stepName = (info: unknown): { step: string; component: string | null } => {
  const i = (typeof info === "object" && info !== null ? info : {}) as Record<string, unknown>;
  const inner = (typeof i.info === "object" && i.info !== null ? i.info : i) as Record<
    string,
    unknown
  >;
  const desc = typeof inner.description === "string" ? inner.description : show(inner.id ?? "?");
  return { step: desc, component: typeof inner.component === "string" ? inner.component : null };
};

/**
 * The steps' outcomes of an update-engine `EventReport` (`step_events[].kind`): each
 * `step_completed` / `execution_completed` with its outcome (success, warning, skipped), an
 * `execution_failed` or `execution_aborted`. Events of other kinds are progress, not outcomes.
 */
function stepsOf(report: unknown): ExecutorStep[] {
  const events = (report as { step_events?: unknown } | null)?.step_events;
  if (!Array.isArray(events)) return [];
  const out: ExecutorStep[] = [];
  for (const e of events) {
    const k = (e as { kind?: unknown } | null)?.kind as Record<string, unknown> | undefined;
    if (!k || typeof k.kind !== "string") continue;
    if (k.kind === "step_completed" || k.kind === "execution_completed") {
      const o = (k.outcome ?? k.last_outcome) as { kind?: unknown; message?: unknown } | undefined;
      const outcome = o?.kind === "warning" || o?.kind === "skipped" ? o.kind : "success";
      out.push({
        ...stepName(k.step ?? k.last_step),
        outcome,
        message: typeof o?.message === "string" ? o.message : null,
      });
    } else if (k.kind === "execution_failed" || k.kind === "execution_aborted") {
      out.push({
        ...stepName(k.failed_step ?? k.aborted_step),
        outcome: k.kind === "execution_failed" ? "failed" : "aborted",
        message: typeof k.message === "string" ? k.message : null,
      });
    }
  }
  return out;
}

/** The `blueprint_executor` task's status (`last.details.details`). Never throws. */
export function readExecutorStatus(details: unknown): ExecutorStatus {
  const notUnderstood = (why: string): ExecutorStatus => ({
    kind: "not_understood",
    text: `Not understood: ${why}; kept raw.`,
    raw: details,
  });
  if (typeof details !== "object" || details === null || Array.isArray(details))
    return notUnderstood("the executor status is not an object");
  const o = details as Record<string, unknown>;
  if (typeof o.error === "string" && o.target_id === undefined)
    return { kind: "no_blueprint", text: `Execution skipped: ${o.error}.` };
  if (typeof o.target_id !== "string") return notUnderstood("no target_id");
  const targetId = o.target_id;
  if (o.enabled === false)
    return {
      kind: "disabled",
      text: `Execution of target ${targetId} is disabled (the target is not enabled).`,
      targetId,
    };
  if (o.enabled !== true) return notUnderstood("enabled is neither true nor false");
  const error = o.execution_error == null ? null : errorChain(o.execution_error);
  const er = o.event_report as Record<string, unknown> | undefined;
  let steps: ExecutorStep[] = [];
  let reportError: string | null = null;
  if (er && typeof er === "object" && "Ok" in er) steps = stepsOf(er.Ok);
  else if (er && typeof er === "object" && "Err" in er) reportError = errorChain(er.Err);
  else if (er !== undefined) reportError = "event report not understood";
  const warnings = steps.filter((s) => s.outcome === "warning").length;
  return {
    kind: "ran",
    text:
      error === null
        ? `Realized target ${targetId}${warnings > 0 ? ` with ${plural(warnings, "warning")}` : ""}.`
        : `Realizing target ${targetId} failed: ${error}`,
    targetId,
    ok: error === null,
    error,
    needsSagaRecovery: typeof o.needs_saga_recovery === "boolean" ? o.needs_saga_recovery : null,
    steps,
    reportError,
  };
}
