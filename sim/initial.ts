/**
 * A sled agent's first ledger, from the blueprint the rack starts from: the sled runs the
 * blueprint's in-service items, ledgered at the blueprint's generations (`ledgersOf`, the same
 * assumption the planner makes), with exactly the bodies the planner would send (bodies.ts),
 * normalised by the request schemas so a re-sent identical body compares equal.
 */
import type { SledConfig } from "../lib/blueprint/model";
import { ledgersOf } from "../lib/plan/make-plan";
import { sledStateFrom } from "../lib/sled/state";
import {
  datasetsBody,
  disksBody,
  inServiceWireItems,
  sledConfigBody,
  sledConfigExtras,
  sledConfigItems,
  zonesBody,
} from "../lib/wire/bodies";
import {
  datasetsConfigSchema,
  describeIssues,
  disksConfigSchema,
  sledConfigSchema,
  zonesConfigSchema,
} from "../lib/wire/schemas";
import type { SledAgentProfile } from "../lib/wire/types";
import { SLED_FILE_VERSION, type SledFile } from "./ledger-store";
import type { z } from "zod";

export type InitialResult = { ok: true; file: SledFile } | { ok: false; message: string };

function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  sledId: string,
): { ok: true; value: T } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    message: `sled ${sledId}: the blueprint's ${what} are not a valid sled-agent request: ${describeIssues(r.error)}`,
  };
}

export function initialSledFile(sled: SledConfig, profile: SledAgentProfile): InitialResult {
  const ledgers = ledgersOf(sled);
  const fileOf = (config: SledFile["config"], state: SledFile["state"]): InitialResult => ({
    ok: true,
    file: {
      version: SLED_FILE_VERSION,
      sledId: sled.id,
      profile,
      config,
      state,
      hardware: state.disks,
    },
  });
  const items = inServiceWireItems(sled, profile);
  if (profile === "reconciler") {
    const config = parse(
      sledConfigSchema,
      sledConfigBody(ledgers.config, items, sledConfigExtras(sled)),
      "config",
      sled.id,
    );
    if (!config.ok) return config;
    return fileOf(config.value, sledStateFrom(sledConfigItems(config.value), ledgers));
  }
  const disks = parse(disksConfigSchema, disksBody(ledgers.disks, items.disks), "disks", sled.id);
  const datasets = parse(
    datasetsConfigSchema,
    datasetsBody(ledgers.datasets, items.datasets),
    "datasets",
    sled.id,
  );
  const zones = parse(zonesConfigSchema, zonesBody(ledgers.zones, items.zones), "zones", sled.id);
  if (!disks.ok) return disks;
  if (!datasets.ok) return datasets;
  if (!zones.ok) return zones;
  const wire = {
    disks: disks.value.disks,
    datasets: Object.values(datasets.value.datasets),
    zones: zones.value.zones,
  };
  return fileOf(null, sledStateFrom(wire, ledgers));
}

/** A sled the blueprint does not know yet: nothing ledgered (omicron `Generation::new()`). */
export function emptySledFile(sledId: string, profile: SledAgentProfile): SledFile {
  return {
    version: SLED_FILE_VERSION,
    sledId,
    profile,
    config: null,
    state: sledStateFrom(
      { disks: [], datasets: [], zones: [] },
      { disks: 1, datasets: 1, zones: 1, config: 1 },
    ),
    hardware: [],
  };
}
