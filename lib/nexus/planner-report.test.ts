/**
 * The planning report reader against the shapes of omicron's serde types (planning_report.rs,
 * background.rs, blueprint_execution.rs @ b848b6df): every step, every planner status variant,
 * every executor status shape, unknown fields and variants, and malformed input. The words are
 * checked against omicron's own Display lines in the reconfigurator-cli transcripts.
 */
import { emptyReport } from "./testing/empty-report";
import { describe, expect, it } from "vitest";
import { omicronText } from "~/test/omicron-fixtures";
import {
  REASON_GUIDE,
  readBgTask,
  readExecutorStatus,
  readPlannerStatus,
  readPlanningReport,
  reportOfBlueprintSource,
  waitingOn,
  type PlanningReportRead,
  type ReportSummary,
} from "./planner-report";

const SLED_A = "2b8f0cb3-0295-4b3c-bc58-4fe88b57112c";
const SLED_B = "98e6b7c2-2efa-41ca-b20a-0a4d61102fe6";
const ZONE = "427ec88f-f467-42fa-9bbb-66a91a36103c";
const PARENT = "a5a8f242-ffa5-473c-8efd-2acf2dc0b736";
const CHILD = "626487fa-7139-45ec-8416-902271fc730b";

type Patch = Record<string, unknown>;

/** An empty report with some steps' fields replaced. */
function report(patch: Patch): Record<string, unknown> {
  const r = emptyReport();
  for (const [step, fields] of Object.entries(patch)) {
    const base = r[step];
    r[step] =
      typeof base === "object" && base !== null && !("type" in base) && !("component" in base)
        ? { ...base, ...(fields as Record<string, unknown>) }
        : fields;
  }
  return r;
}

function summary(read: PlanningReportRead): ReportSummary {
  if (!read.ok) throw new Error(`not read: ${read.message} ${JSON.stringify(read.issues)}`);
  return read.summary;
}

const reasons = (s: ReportSummary) => s.blockers.map((b) => b.reason);

describe("readPlanningReport", () => {
  it("an empty report: nothing done, nothing blocked, nothing unknown", () => {
    const s = summary(readPlanningReport(emptyReport()));
    expect(s).toEqual({ empty: true, changes: [], blockers: [], notes: [], unknown: [] });
  });

  it("reads the report inlined in a blueprint source of tag planner, and no other tag", () => {
    const s = summary(readPlanningReport({ source: "planner", ...emptyReport() }));
    expect(s.empty).toBe(true);
    expect(reportOfBlueprintSource({ source: "planner_loaded_from_database" })).toBeNull();
    expect(reportOfBlueprintSource({ source: "rss" })).toBeNull();
    expect(reportOfBlueprintSource("planner")).toBeNull();
    const r = reportOfBlueprintSource({
      source: "planner",
      ...report({ measurement_updates: { type: "waiting_on_inventory" } }),
    });
    expect(r && reasons(summary(r))).toEqual(["measurements.waiting_on_inventory"]);
    const wrong = readPlanningReport({ source: "rss", ...emptyReport() });
    expect(wrong.ok).toBe(false);
  });

  it("zone updates: expunged and updated zones are changes, remaining ones progress", () => {
    const s = summary(
      readPlanningReport(
        report({
          zone_updates: {
            expunged_zones: { [SLED_A]: [{ id: ZONE, kind: "internal_dns" }] },
            updated_zones: { [SLED_B]: [{ id: CHILD, kind: "crucible" }] },
            out_of_date_zones: {
              [SLED_B]: [
                {
                  zone: { id: PARENT, kind: "nexus" },
                  desired_image_source: {
                    type: "artifact",
                    hash: "ab",
                    version: { kind: "available", version: "1.0.0" },
                  },
                },
              ],
            },
          },
        }),
      ),
    );
    expect(s.empty).toBe(false);
    expect(s.changes.map((c) => [c.kind, c.subjects])).toEqual([
      ["expunged", [SLED_A, ZONE]],
      ["updated", [SLED_B, CHILD]],
    ]);
    expect(s.changes[0]?.text).toContain("internal_dns zone");
    expect(s.notes.map((n) => n.text)).toEqual(["1 remaining out-of-date zone"]);
    expect(s.blockers).toEqual([]);
  });

  it("every zone_updates.waiting_on variant, with omicron's words and the guide's meaning", () => {
    const cases: Array<[string, string]> = [
      [
        "blocked_mgs_updates",
        "zone updates waiting on blocked MGS updates (RoT bootloader / RoT / SP / Host OS)",
      ],
      ["discretionary_zones", "zone updates waiting on discretionary zones"],
      ["inventory_propagation", "zone updates waiting on zone propagation to inventory"],
      [
        "pending_mgs_updates",
        "zone updates waiting on pending MGS updates (RoT bootloader / RoT / SP / Host OS)",
      ],
      ["zone_add_blockers", "zone updates waiting on zone add blockers"],
      ["measurements", "zone updates waiting on reference measurement changes"],
    ];
    for (const [type, text] of cases) {
      const s = summary(readPlanningReport(report({ zone_updates: { waiting_on: { type } } })));
      expect(s.blockers).toHaveLength(1);
      const b = s.blockers[0];
      expect(b?.reason).toBe(`zone_updates_waiting_on.${type}`);
      expect(b?.text).toBe(text);
      expect(b?.meaning).toBe(REASON_GUIDE[`zone_updates_waiting_on.${type}`]?.meaning);
      expect(b?.check.length).toBeGreaterThan(10);
      expect(b?.guide).toMatch(/^reconfigurator-ops-guide\.adoc#/);
      expect(s.unknown).toEqual([]);
    }
  });

  it("add: waiting on blockers, MUPdate reasons, NTP sleds, placements, missing zones", () => {
    const mupdate =
      "current target release generation (2) is lower than minimum required by blueprint (3)";
    const s = summary(
      readPlanningReport(
        report({
          add: {
            waiting_on: { type: "blockers" },
            add_update_blocked_reasons: [
              mupdate,
              `sleds have remove mupdate override set in blueprint: ${SLED_A}`,
            ],
            target_release_generation_is_one: true,
            sleds_without_ntp_zones_in_inventory: [SLED_A],
            sleds_without_zpools_for_ntp_zones: [SLED_B],
            sleds_waiting_for_ntp_zone: [SLED_A, SLED_B],
            sleds_missing_ntp_zone: [SLED_B],
            sleds_missing_crucible_zone: { [SLED_A]: [ZONE] },
            out_of_eligible_sleds: { nexus: { placed: 2, wanted_to_place: 3 } },
            discretionary_zones_placed: {
              [SLED_A]: [{ kind: "nexus", source: "artifact: version 1.0.0" }],
            },
          },
        }),
      ),
    );
    expect(reasons(s)).toEqual([
      "zone_adds_waiting_on.blockers",
      "add_update_blocked.target_release_generation",
      "add_update_blocked.other",
      "ntp.not_in_inventory",
      "ntp.no_zpools",
      "ntp.waiting_for_zone",
      "out_of_eligible_sleds",
    ]);
    expect(s.blockers[1]?.text).toBe(`zone adds and updates are blocked: ${mupdate}`);
    expect(s.blockers[1]?.check).toMatch(/TUF repo/);
    expect(s.blockers[3]).toMatchObject({
      text: `waiting for NTP zones to appear in inventory on sleds: ${SLED_A}`,
      subjects: [SLED_A],
    });
    expect(s.blockers[6]?.text).toBe("only placed 2/3 desired nexus zones");
    expect(s.changes.map((c) => c.kind)).toEqual(["added", "added", "added"]);
    expect(s.changes.map((c) => c.text).join("\n")).toContain(
      `nexus zone placed on sled ${SLED_A}`,
    );
    expect(s.notes.map((n) => n.text)).toEqual([
      "adding zones despite being blocked, because: target release generation is 1",
    ]);
  });

  it("MGS updates: pending (a change the planner waits on) and blocked, with the nested reason", () => {
    const s = summary(
      readPlanningReport(
        report({
          mgs_updates: {
            pending_mgs_updates: {
              by_baseboard: [
                {
                  baseboard_id: { part_number: "913-0000019", serial_number: "serial1" },
                  sp_type: "sled",
                  slot_id: 1,
                  artifact_hash: "00".repeat(32),
                  artifact_version: "1.0.0",
                  details: {
                    component: "sp",
                    expected_active_version: "0.0.1",
                    expected_inactive_version: { kind: "no_valid_version" },
                  },
                },
              ],
            },
            blocked_mgs_updates: [
              {
                baseboard_id: { part_number: "913-0000019", serial_number: "serial0" },
                reason: {
                  type: "sp",
                  value: {
                    type: "unsafe_zone_found",
                    value: `${ZONE}: only 2/2 internal DNS zones are synchronized; require at least 3`,
                  },
                },
              },
              {
                baseboard_id: { part_number: "913-0000019", serial_number: "serial2" },
                reason: { type: "sp", value: { type: "sp_not_in_inventory" } },
              },
            ],
          },
        }),
      ),
    );
    expect(reasons(s)).toEqual([
      "pending_mgs_update",
      "blocked_mgs_update",
      "unsafe_zones_on_sled",
      "blocked_mgs_update",
      "sp_not_in_inventory",
    ]);
    expect(s.blockers[0]?.text).toBe("pending MGS update of 913-0000019:serial1 (sp) to 1.0.0");
    expect(s.blockers[1]?.text).toContain("only 2/2 internal DNS zones are synchronized");
    expect(s.blockers[1]?.subjects).toEqual(["913-0000019:serial0"]);
    expect(s.blockers[4]?.check).toMatch(/MGS/);
    expect(s.changes.map((c) => c.kind)).toEqual(["mgs_update"]);
  });

  it("unsafe zones of each kind, and a zone waiting for Nexus handoff", () => {
    const s = summary(
      readPlanningReport(
        report({
          zone_updates: {
            unsafe_zones: {
              [ZONE]: { type: "cockroachdb", reason: { type: "underreplicated_ranges", n: 4 } },
              [SLED_A]: {
                type: "boundary_ntp",
                total_boundary_ntp_zones: 2,
                synchronized_count: 1,
              },
              [SLED_B]: {
                type: "internal_dns",
                total_internal_dns_zones: 3,
                synchronized_count: 2,
              },
            },
            waiting_zones: { [CHILD]: { type: "nexus", zone_generation: 1 } },
          },
        }),
      ),
    );
    expect(reasons(s)).toEqual([
      "unsafe_zone.cockroachdb",
      "unsafe_zone.boundary_ntp",
      "unsafe_zone.internal_dns",
      "waiting_zone.nexus",
    ]);
    expect(s.blockers[0]?.text).toBe(
      `zone ${ZONE} not ready to shut down safely: cockroach unsafe to shut down: underreplicated ranges: {"n":4}`,
    );
    expect(s.blockers[2]?.text).toContain("only 2/3 internal DNS zones are synchronized");
    expect(s.blockers[3]?.text).toContain("nexus_generation 1 is still active");
  });

  it("nexus_generation_bump: every waiting_on reason, and bumping", () => {
    for (const type of [
      "found_old_non_nexus_zones",
      "missing_new_nexus_in_blueprint",
      "missing_nexus_database_access_records",
      "missing_new_nexus_in_inventory",
    ]) {
      const s = summary(
        readPlanningReport(
          report({ nexus_generation_bump: { component: "waiting_on", value: { type } } }),
        ),
      );
      expect(reasons(s)).toEqual([`nexus_generation_bump.${type}`]);
      expect(s.blockers[0]?.text).toMatch(/^waiting to update top-level nexus_generation: /);
    }
    const bump = summary(
      readPlanningReport(
        report({ nexus_generation_bump: { component: "bumping_generation", value: 3 } }),
      ),
    );
    expect(bump.changes.map((c) => c.text)).toEqual([
      "updating top-level nexus_generation to 3 (handoff to the new Nexus)",
    ]);
  });

  it("every measurement_updates variant", () => {
    const cases: Array<[Record<string, unknown>, string | null, string | null]> = [
      [{ type: "matches_inventory" }, null, null],
      [{ type: "modified", count: 0 }, null, null],
      [{ type: "modified", count: 2 }, null, "2 reference measurement modifications"],
      [{ type: "blocked_add_update" }, "measurements.blocked_add_update", null],
      [{ type: "empty_measurements" }, "measurements.empty_measurements", null],
      [
        { type: "no_sled_agent_in_inventory", sled_id: SLED_A },
        "measurements.no_sled_agent_in_inventory",
        null,
      ],
      [{ type: "no_sled_config", sled_id: SLED_A }, "measurements.no_sled_config", null],
      [
        { type: "still_install_dataset", sled_id: SLED_A },
        "measurements.still_install_dataset",
        null,
      ],
      [{ type: "waiting_on_inventory" }, "measurements.waiting_on_inventory", null],
    ];
    for (const [m, reason, change] of cases) {
      const s = summary(readPlanningReport(report({ measurement_updates: m })));
      expect(reasons(s)).toEqual(reason ? [reason] : []);
      expect(s.changes.map((c) => c.text)).toEqual(change ? [change] : []);
      expect(s.empty).toBe(m.type === "matches_inventory");
      if ("sled_id" in m) expect(s.blockers[0]?.subjects).toEqual([SLED_A]);
    }
    const missing = summary(
      readPlanningReport(
        report({ measurement_updates: { type: "no_sled_agent_in_inventory", sled_id: SLED_A } }),
      ),
    );
    expect(missing.blockers[0]?.text).toBe(`missing sled agent inventory for sled ${SLED_A}`);
  });

  it("noop image sources, orphan disks, zombie sleds, CockroachDB settings", () => {
    const s = summary(
      readPlanningReport(
        report({
          expunge: { orphan_disks: { [SLED_A]: ZONE } },
          decommission: { zombie_sleds: [SLED_B] },
          noop_image_source: {
            skipped_sled_zones: { [SLED_A]: { type: "sled_not_in_inventory" } },
            skipped_sled_measurements: { [SLED_B]: { type: "both_slots_already_artifact" } },
            converted: {
              [SLED_B]: {
                num_eligible: 5,
                num_dataset: 6,
                host_phase_2_slot_a_eligible: false,
                host_phase_2_slot_b_eligible: true,
                measurement_eligible: true,
              },
            },
          },
          cockroachdb_settings: { preserve_downgrade: { action: "set", data: "22.1" } },
        }),
      ),
    );
    expect(reasons(s)).toEqual(["orphan_disks", "zombie_sleds", "sled_not_in_inventory"]);
    expect(s.blockers[2]?.text).toBe(
      `skipping noop zone image source check on sled ${SLED_A}: sled not in inventory`,
    );
    expect(s.changes.map((c) => c.text)).toEqual([
      `noop converting 5/6 install-dataset zones to artifact store on sled ${SLED_B}`,
      `noop converting host phase 2 slot B to Artifact on sled ${SLED_B}`,
      `noop converting current measurements to Artifact on sled ${SLED_B}`,
      "will ensure cockroachdb setting preserve_downgrade: set 22.1",
    ]);
    expect(s.notes).toHaveLength(1);
    const noRelease = summary(
      readPlanningReport(report({ noop_image_source: { no_target_release: true } })),
    );
    expect(noRelease.notes.map((n) => n.text)).toEqual([
      "skipping noop image source check for all sleds (no current TUF repo)",
    ]);
  });

  it("keeps unknown fields and variants raw instead of failing", () => {
    const r = report({
      zone_updates: {
        waiting_on: { type: "quantum_flux" },
        unsafe_zones: { [ZONE]: { type: "clickhouse", replicas: 1 } },
        new_field: [1, 2],
      },
      nexus_generation_bump: { component: "waiting_on", value: { type: "the_stars" } },
      measurement_updates: { type: "recalibrating", sled_id: SLED_A },
    });
    r.future_step = { anything: true };
    const s = summary(readPlanningReport(r));
    expect(s.unknown).toEqual([
      { path: "future_step", value: { anything: true } },
      { path: "zone_updates.new_field", value: [1, 2] },
      { path: "zone_updates.waiting_on", value: { type: "quantum_flux" } },
      { path: `zone_updates.unsafe_zones.${ZONE}`, value: { type: "clickhouse", replicas: 1 } },
      { path: "nexus_generation_bump.value", value: { type: "the_stars" } },
      { path: "measurement_updates", value: { type: "recalibrating", sled_id: SLED_A } },
    ]);
    expect(reasons(s)).toEqual([
      "unknown_variant",
      "unsafe_zone.other",
      "unknown_variant",
      "measurements.other",
    ]);
    expect(s.blockers[0]?.text).toBe("zone updates waiting on quantum flux");
    expect(waitingOn(s)).toHaveLength(4);
  });

  it("a malformed report is not understood, with paths, and kept raw", () => {
    const missing = emptyReport();
    delete missing.zone_updates;
    for (const bad of [
      missing,
      report({ add: { add_update_blocked_reasons: "nope" } }),
      report({ mgs_updates: { blocked_mgs_updates: [{ reason: 1 }] } }),
      null,
      [],
      "planning report:",
    ]) {
      const r = readPlanningReport(bad);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.message).toMatch(/^Not understood/);
      expect(r.issues.length).toBeGreaterThan(0);
      expect(r.raw).toBe(bad);
    }
    const r = readPlanningReport(missing);
    expect(!r.ok && r.issues.map((i) => i.path)).toContain("zone_updates");
  });
});

describe("omicron's Display lines are covered", () => {
  // Each case: the JSON that omicron prints as `line` (found in the transcript), and the words
  // the console uses for it.
  const transcripts = [
    "planner/cmds-missing-sled-blocks-zone-updates-stdout",
    "planner/cmds-missing-measurement-manifest-stdout",
    "planner/cmds-mupdate-stale-inventory-stdout",
    "planner/cmds-mupdate-update-flow-stdout",
    "planner/cmds-unsafe-zone-mgs-stdout",
  ].map((f) => omicronText(f));
  const seen = (line: string) => transcripts.some((t) => t.includes(line));
  const cases: Array<{ line: string; patch: Patch; reason: string; words: string }> = [
    {
      line: "* zone updates waiting on pending MGS updates (RoT bootloader / RoT / SP / Host OS)",
      patch: { zone_updates: { waiting_on: { type: "pending_mgs_updates" } } },
      reason: "zone_updates_waiting_on.pending_mgs_updates",
      words: "zone updates waiting on pending MGS updates (RoT bootloader / RoT / SP / Host OS)",
    },
    {
      line: "* zone updates waiting on blocked MGS updates (RoT bootloader / RoT / SP / Host OS)",
      patch: { zone_updates: { waiting_on: { type: "blocked_mgs_updates" } } },
      reason: "zone_updates_waiting_on.blocked_mgs_updates",
      words: "zone updates waiting on blocked MGS updates",
    },
    {
      line: "* zone updates waiting on reference measurement changes",
      patch: { zone_updates: { waiting_on: { type: "measurements" } } },
      reason: "zone_updates_waiting_on.measurements",
      words: "zone updates waiting on reference measurement changes",
    },
    {
      line: "* zone updates waiting on zone add blockers",
      patch: { zone_updates: { waiting_on: { type: "zone_add_blockers" } } },
      reason: "zone_updates_waiting_on.zone_add_blockers",
      words: "zone updates waiting on zone add blockers",
    },
    {
      line: "* zone adds waiting on blockers",
      patch: { add: { waiting_on: { type: "blockers" } } },
      reason: "zone_adds_waiting_on.blockers",
      words: "zone adds waiting on blockers",
    },
    {
      line: `* waiting for NTP zones to appear in inventory on sleds: ${SLED_A}`,
      patch: { add: { sleds_without_ntp_zones_in_inventory: [SLED_A] } },
      reason: "ntp.not_in_inventory",
      words: `waiting for NTP zones to appear in inventory on sleds: ${SLED_A}`,
    },
    {
      line: `missing sled agent inventory for sled ${SLED_A}`,
      patch: { measurement_updates: { type: "no_sled_agent_in_inventory", sled_id: SLED_A } },
      reason: "measurements.no_sled_agent_in_inventory",
      words: `missing sled agent inventory for sled ${SLED_A}`,
    },
    {
      line: "Waiting on zone add/update blockers",
      patch: { measurement_updates: { type: "blocked_add_update" } },
      reason: "measurements.blocked_add_update",
      words: "waiting on zone add/update blockers",
    },
    {
      line: "  - current target release generation (2) is lower than minimum required by blueprint (3)",
      patch: {
        add: {
          add_update_blocked_reasons: [
            "current target release generation (2) is lower than minimum required by blueprint (3)",
          ],
        },
      },
      reason: "add_update_blocked.target_release_generation",
      words:
        "current target release generation (2) is lower than minimum required by blueprint (3)",
    },
    {
      line: "* waiting to update top-level nexus_generation: some non-Nexus zone are not yet updated",
      patch: {
        nexus_generation_bump: {
          component: "waiting_on",
          value: { type: "found_old_non_nexus_zones" },
        },
      },
      reason: "nexus_generation_bump.found_old_non_nexus_zones",
      words:
        "waiting to update top-level nexus_generation: some non-Nexus zone are not yet updated",
    },
    {
      line: `913-0000019:serial0: failed to plan a Host OS update: sled contains zones that are unsafe to shut down: "${ZONE}: only 2/2 internal DNS zones are synchronized; require at least 3"`,
      patch: {
        mgs_updates: {
          blocked_mgs_updates: [
            {
              baseboard_id: { part_number: "913-0000019", serial_number: "serial0" },
              reason: {
                type: "host_os",
                value: {
                  type: "unsafe_zone_found",
                  value: `${ZONE}: only 2/2 internal DNS zones are synchronized; require at least 3`,
                },
              },
            },
          ],
        },
      },
      reason: "blocked_mgs_update",
      words: `913-0000019:serial0 (host os): unsafe zone found: ${ZONE}: only 2/2 internal DNS zones are synchronized`,
    },
  ];
  it.each(cases)("$line", ({ line, patch, reason, words }) => {
    expect(seen(line), "the line is in a transcript").toBe(true);
    const s = summary(readPlanningReport(report(patch)));
    const b = s.blockers.find((x) => x.reason === reason);
    expect(b?.text).toContain(words);
    expect(b?.meaning).toBeTruthy();
  });
});

describe("readPlannerStatus: every BlueprintPlannerStatus variant", () => {
  const common = { blueprint_count: 12, limit: 5000 };
  it("Disabled, Error, and the serialization fallback", () => {
    expect(readPlannerStatus("Disabled").kind).toBe("disabled");
    expect(readPlannerStatus({ Error: "no target blueprint" })).toMatchObject({
      kind: "error",
      error: "no target blueprint",
    });
    expect(readPlannerStatus({ error: "could not serialize task status: x" })).toMatchObject({
      kind: "error",
    });
  });
  it("LimitReached, Unchanged, Planned, Targeted carry their report", () => {
    const rep = report({ zone_updates: { waiting_on: { type: "inventory_propagation" } } });
    const limit = readPlannerStatus({ LimitReached: { limit: 5000, report: rep } });
    expect(limit).toMatchObject({ kind: "limit_reached", limit: 5000 });
    const unchanged = readPlannerStatus({
      Unchanged: { parent_blueprint_id: PARENT, report: rep, ...common },
    });
    expect(unchanged).toMatchObject({
      kind: "unchanged",
      parentBlueprintId: PARENT,
      blueprintCount: 12,
      limit: 5000,
    });
    const planned = readPlannerStatus({
      Planned: { parent_blueprint_id: PARENT, error: "target changed", report: rep, ...common },
    });
    expect(planned).toMatchObject({ kind: "planned", error: "target changed" });
    const targeted = readPlannerStatus({
      Targeted: { parent_blueprint_id: PARENT, blueprint_id: CHILD, report: rep, ...common },
    });
    expect(targeted).toMatchObject({
      kind: "targeted",
      blueprintId: CHILD,
      parentBlueprintId: PARENT,
    });
    for (const s of [limit, unchanged, planned, targeted]) {
      if (!("report" in s)) throw new Error(s.kind);
      expect(reasons(summary(s.report))).toEqual(["zone_updates_waiting_on.inventory_propagation"]);
    }
  });
  it("a variant with a malformed report keeps the status and says the report is not understood", () => {
    const s = readPlannerStatus({
      Unchanged: { parent_blueprint_id: PARENT, report: { add: 1 }, ...common },
    });
    expect(s.kind).toBe("unchanged");
    expect("report" in s && s.report.ok).toBe(false);
  });
  it("unknown variants and junk are not understood, never a crash", () => {
    for (const junk of [
      null,
      3,
      "Enabled",
      { Paused: {} },
      { Targeted: { report: {} } },
      { A: 1, B: 2 },
      [],
    ]) {
      const s = readPlannerStatus(junk);
      expect(s.kind).toBe("not_understood");
      expect(s.text).toMatch(/^Not understood/);
    }
  });
});

describe("readBgTask", () => {
  it("reads a completed run and a never-completed task", () => {
    const t = readBgTask({
      name: "blueprint_planner",
      description: "Updates the target blueprint",
      period: { secs: 60, nanos: 0 },
      current: { current_status: "idle" },
      last: {
        last_result: "completed",
        details: {
          iteration: 7,
          start_time: "2026-08-21T22:00:00Z",
          reason: "timeout",
          elapsed: { secs: 1, nanos: 500_000_000 },
          details: "Disabled",
        },
      },
    });
    expect(t).toEqual({
      ok: true,
      name: "blueprint_planner",
      running: false,
      periodMs: 60_000,
      last: {
        iteration: 7,
        startTime: "2026-08-21T22:00:00Z",
        reason: "timeout",
        elapsedMs: 1500,
        details: "Disabled",
      },
    });
    const never = readBgTask({
      name: "x",
      description: "",
      period: { secs: 1, nanos: 0 },
      current: {
        current_status: "running",
        details: { iteration: 1, reason: "signaled", start_time: "2026-08-21T22:00:00Z" },
      },
      last: { last_result: "never_completed" },
    });
    expect(never).toMatchObject({ ok: true, running: true, last: null });
    expect(readBgTask({ name: "x" }).ok).toBe(false);
  });
});

describe("readExecutorStatus: every shape of blueprint_execution.rs", () => {
  const step = (description: string, outcome: Record<string, unknown>) => ({
    kind: {
      kind: "step_completed",
      step: { info: { id: "Ensure", component: "Sled", description, index: 0 }, metadata: null },
      attempt: 1,
      outcome,
    },
  });
  it("no blueprint; disabled", () => {
    expect(readExecutorStatus({ error: "no blueprint" }).kind).toBe("no_blueprint");
    expect(readExecutorStatus({ target_id: CHILD, enabled: false })).toMatchObject({
      kind: "disabled",
      targetId: CHILD,
    });
  });
  it("a run that succeeded, with a warning step", () => {
    const s = readExecutorStatus({
      target_id: CHILD,
      enabled: true,
      execution_error: null,
      needs_saga_recovery: false,
      event_report: {
        Ok: {
          step_events: [
            step("Deploy sled configs", {
              kind: "warning",
              message: "sled 1: HTTP 503",
              metadata: null,
            }),
            step("Deploy datasets", { kind: "success", message: null, metadata: null }),
            { kind: { kind: "progress_reset" } },
          ],
          progress_events: [],
          root_execution_id: "x",
          last_seen: 3,
        },
      },
    });
    expect(s).toMatchObject({
      kind: "ran",
      ok: true,
      error: null,
      needsSagaRecovery: false,
      reportError: null,
    });
    expect(s.kind === "ran" && s.steps).toEqual([
      {
        step: "Deploy sled configs",
        component: "Sled",
        outcome: "warning",
        message: "sled 1: HTTP 503",
      },
      { step: "Deploy datasets", component: "Sled", outcome: "success", message: null },
    ]);
    expect(s.text).toContain("1 warning");
  });
  it("a failed run: the error chain, no needs_saga_recovery; an Err event report", () => {
    const s = readExecutorStatus({
      target_id: CHILD,
      enabled: true,
      execution_error: { message: "realize failed", cause: { message: "sled 1 unreachable" } },
      event_report: { Err: { message: "receiver task panicked" } },
    });
    expect(s).toMatchObject({
      kind: "ran",
      ok: false,
      error: "realize failed: sled 1 unreachable",
      needsSagaRecovery: null,
      reportError: "receiver task panicked",
    });
  });
  it("junk is not understood", () => {
    for (const junk of [null, "x", { enabled: true }, { target_id: CHILD, enabled: "yes" }])
      expect(readExecutorStatus(junk).kind).toBe("not_understood");
  });
});
