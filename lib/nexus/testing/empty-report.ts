/**
 * `serde_json::to_value(PlanningReport::new())` (omicron nexus/types/src/deployment/
 * planning_report.rs), measurements matching inventory: a report that says nothing. Shared by
 * the parser's tests and the simulated Nexus, which builds its reports on it.
 */
export function emptyReport(): Record<string, unknown> {
  return {
    planner_config: {},
    expunge: { orphan_disks: {} },
    decommission: { zombie_sleds: [] },
    noop_image_source: {
      no_target_release: false,
      skipped_sled_zones: {},
      skipped_sled_host_phase_2: {},
      skipped_sled_measurements: {},
      skipped_zones: {},
      converted: {},
      sled_zones_all_already_artifact: [],
      sled_host_phase_2_both_already_artifact: [],
      sled_measurements_already_artifact: [],
    },
    mgs_updates: { blocked_mgs_updates: [], pending_mgs_updates: { by_baseboard: [] } },
    add: {
      waiting_on: null,
      add_update_blocked_reasons: [],
      target_release_generation_is_one: false,
      sleds_without_ntp_zones_in_inventory: [],
      sleds_without_zpools_for_ntp_zones: [],
      sleds_waiting_for_ntp_zone: [],
      sleds_getting_ntp_and_discretionary_zones: [],
      sleds_missing_ntp_zone: [],
      sleds_missing_crucible_zone: {},
      out_of_eligible_sleds: {},
      sufficient_zones_exist: {},
      discretionary_zones_placed: {},
    },
    zone_updates: {
      waiting_on: null,
      out_of_date_zones: {},
      expunged_zones: {},
      updated_zones: {},
      unsafe_zones: {},
      waiting_zones: {},
    },
    nexus_generation_bump: { component: "nothing_to_report" },
    cockroachdb_settings: { preserve_downgrade: { action: "do_not_modify" } },
    measurement_updates: { type: "matches_inventory" },
  };
}
